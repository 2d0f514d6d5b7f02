// What can be checked of the Windows provisioning script without Windows (no PowerShell here: Debian has no
// package for it): its documented parameters, -WhatIf support, every change behind ShouldProcess, no password
// in clear, and a UTF-8 BOM so that Windows PowerShell 5.1 reads its French messages correctly.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = path.join(__dirname, 'Install-PassationKiosk.ps1');
const README = path.join(__dirname, '..', 'README.md');
const bytes = fs.readFileSync(SCRIPT);
const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
const PARAMETERS = ['KioskExe', 'ConfigPath', 'KioskUser', 'KioskPassword', 'Method', 'AutoLogon', 'SkipKeyboardFilter', 'Uninstall'];

/** The param( … ) block: from `param(` to the parenthesis that closes it. */
function paramBlock(): string {
  const start = text.indexOf('param(');
  let depth = 0;
  for (let i = start + 'param'.length; i < text.length; i++) {
    if (text[i] === '(') depth++;
    if (text[i] === ')' && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error('param block not closed');
}

describe('Install-PassationKiosk.ps1', () => {
  it('starts with a UTF-8 BOM (Windows PowerShell 5.1 reads a BOM-less script as ANSI)', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('declares exactly the documented parameters, each in its help and in the README', () => {
    const declared = [...paramBlock().matchAll(/\]\s*\$(\w+)/g)].map((m) => m[1]);
    expect(declared).toEqual(PARAMETERS);
    const readme = fs.readFileSync(README, 'utf8');
    for (const name of PARAMETERS) {
      expect(text, name).toContain(`.PARAMETER ${name}`);
      expect(readme, name).toContain(`-${name}`);
    }
  });

  it('supports -WhatIf and puts every change to the system behind ShouldProcess', () => {
    expect(text).toMatch(/\[CmdletBinding\(SupportsShouldProcess = \$true/);
    const lines = text.split('\n');
    const changes = /\b(New-LocalUser|Remove-LocalUser|Enable-WindowsOptionalFeature|Disable-WindowsOptionalFeature|Invoke-MdmAssignedAccess -Property|Remove-Item -Force \$StateFile)\b|Set-CimInstance -InputObject/;
    const found = lines.map((line, i) => [line, i] as const).filter(([line]) => changes.test(line) && !line.trim().startsWith('function'));
    expect(found.length).toBeGreaterThanOrEqual(8);
    for (const [line, i] of found) {
      const before = lines.slice(Math.max(0, i - 4), i + 1).join('\n');
      expect(before, `line ${i + 1}: ${line.trim()}`).toContain('$PSCmdlet.ShouldProcess(');
    }
  });

  it('never holds a password in clear: a SecureString without default, nothing written to Winlogon', () => {
    expect(paramBlock()).toMatch(/\[SecureString\] \$KioskPassword,/);
    expect(paramBlock()).not.toMatch(/\$KioskPassword\s*=/);
    expect(text).not.toMatch(/AsPlainText|ConvertTo-SecureString|DefaultPassword|AutoAdminLogon|Winlogon/i);
  });

  it('refuses in French when not administrator, and says so when Keyboard Filter is missing', () => {
    expect(text).toContain('Write-Host "Passation : refusé — $Message" -ForegroundColor Red');
    expect(text).toContain("Stop-WithRefusal 'ce script modifie le système : ouvrez PowerShell en tant qu''administrateur");
    expect(text).toContain('filtre clavier : absent de cette édition');
    expect(text).toContain("Windows Famille n'a ni Assigned Access ni Shell Launcher");
  });

  it('uses the Shell Launcher v2 namespace and a desktop app as the shell, restarted when it exits', () => {
    expect(text).toContain('xmlns:V2="http://schemas.microsoft.com/ShellLauncher/2019/Configuration"');
    expect(text).toContain('V2:AppType="Desktop"');
    expect(text).toContain('<DefaultAction Action="RestartShell"/>');
  });
});
