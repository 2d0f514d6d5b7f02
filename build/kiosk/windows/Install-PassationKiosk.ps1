<#
.SYNOPSIS
    Passation — prépare un poste Windows en borne d'examen (kiosk-lockdown §1) : un compte local de borne dont
    le seul programme est l'application de la borne (Shell Launcher v2, ou à défaut Assigned Access), le filtre
    clavier (Keyboard Filter) là où l'édition l'a, la connexion automatique en option. Mode d'emploi :
    build/kiosk/README.md.

.DESCRIPTION
    Éditions : Entreprise, Éducation, IoT Entreprise → Shell Launcher v2 (l'application remplace l'explorateur)
    et Keyboard Filter. Professionnel → Assigned Access (expérience restreinte : la seule application permise,
    lancée à l'ouverture de session, sans barre des tâches) ; pas de Keyboard Filter sur cette édition (le script
    le dit). Famille : refusé.
    Les réglages Shell Launcher et Assigned Access passent par le pont WMI MDM, qui exige le compte SYSTEM : le
    script les applique par une tâche planifiée ponctuelle exécutée en SYSTEM, puis la supprime.
    Aucun mot de passe n'est écrit dans un fichier ni dans le registre : avec -AutoLogon, Windows crée et gère
    lui-même le compte de borne connecté automatiquement ; sinon le mot de passe est demandé (SecureString).

.PARAMETER KioskExe
    L'application de la borne. Défaut : C:\Program Files\Passation\Passation.exe.
.PARAMETER ConfigPath
    Le fichier de configuration de la borne, déposé par le service informatique. Défaut :
    C:\ProgramData\Passation\kiosk.json.
.PARAMETER KioskUser
    Le compte local de la borne (sans -AutoLogon). Défaut : PassationBorne.
.PARAMETER KioskPassword
    Son mot de passe, en SecureString ; demandé s'il manque et que le compte est à créer.
.PARAMETER Method
    Auto (défaut : Shell Launcher si l'édition l'a, sinon Assigned Access), ShellLauncher ou AssignedAccess.
.PARAMETER AutoLogon
    Le poste ouvre seul la session de borne au démarrage (compte géré par Windows, sans mot de passe à saisir).
.PARAMETER SkipKeyboardFilter
    Ne touche pas au filtre clavier (il s'applique à tous les comptes non administrateurs du poste).
.PARAMETER Uninstall
    Retire ce que ce script a installé (d'après C:\ProgramData\Passation\kiosk-provisioning.json).

.EXAMPLE
    .\Install-PassationKiosk.ps1 -WhatIf
.EXAMPLE
    .\Install-PassationKiosk.ps1 -AutoLogon
.EXAMPLE
    .\Install-PassationKiosk.ps1 -Uninstall
#>
#Requires -Version 5.1
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High', DefaultParameterSetName = 'Install')]
param(
    [Parameter(ParameterSetName = 'Install')]
    [string] $KioskExe = (Join-Path $env:ProgramFiles 'Passation\Passation.exe'),

    [Parameter(ParameterSetName = 'Install')]
    [string] $ConfigPath = (Join-Path $env:ProgramData 'Passation\kiosk.json'),

    [Parameter(ParameterSetName = 'Install')]
    [ValidatePattern('^[A-Za-z0-9._-]{1,20}$')]
    [string] $KioskUser = 'PassationBorne',

    [Parameter(ParameterSetName = 'Install')]
    [SecureString] $KioskPassword,

    [Parameter(ParameterSetName = 'Install')]
    [ValidateSet('Auto', 'ShellLauncher', 'AssignedAccess')]
    [string] $Method = 'Auto',

    [Parameter(ParameterSetName = 'Install')]
    [switch] $AutoLogon,

    [Parameter(ParameterSetName = 'Install')]
    [switch] $SkipKeyboardFilter,

    [Parameter(ParameterSetName = 'Uninstall', Mandatory = $true)]
    [switch] $Uninstall
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$StateFile = Join-Path $env:ProgramData 'Passation\kiosk-provisioning.json'
$ProfileId = '{6A1C7A5E-2F4B-4C1D-9E8A-5A55A7104B07}'   # Passation's kiosk profile, the same on every PC
$MdmNamespace = 'root\cimv2\mdm\dmmap'
$EmbeddedNamespace = 'root\standardcimv2\embedded'
# Keyboard Filter: the key combinations blocked for non-administrators (kiosk-lockdown §1, §2 "Keys").
$BlockedKeys = @('Ctrl+Alt+Del', 'Ctrl+Esc', 'Ctrl+Shift+Esc', 'Alt+Tab', 'Alt+Esc', 'Alt+F4', 'Alt+Space',
    'Win+L', 'Win+Tab', 'Win+D', 'Win+E', 'Win+R', 'Win+X', 'LWin', 'RWin', 'Application')

function Write-Step([string] $Message) { Write-Host "Passation : $Message" }
function Stop-WithRefusal([string] $Message) {
    Write-Host "Passation : refusé — $Message" -ForegroundColor Red
    exit 1
}

function Test-Administrator {
    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    (New-Object Security.Principal.WindowsPrincipal $identity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
}

# The edition decides what the OS can lock (kiosk-lockdown §1): Shell Launcher v2 and Keyboard Filter exist on
# Enterprise, Education and IoT Enterprise; Pro has Assigned Access only; Home has neither.
function Get-KioskCapabilities {
    $edition = (Get-CimInstance -ClassName Win32_OperatingSystem).Caption
    $editionId = (Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion').EditionID
    $enterpriseLike = $editionId -match '^(Enterprise|Education|IoTEnterprise|ServerRdsh)'
    [pscustomobject]@{
        Edition        = "$edition ($editionId)"
        Supported      = $editionId -notmatch '^Core'
        ShellLauncher  = [bool] $enterpriseLike
        KeyboardFilter = [bool] $enterpriseLike
    }
}

function ConvertTo-XmlAttribute([string] $Text) { [Security.SecurityElement]::Escape($Text) }

function New-ShellLauncherXml([string] $Command, [bool] $UseAutoLogon, [string] $Account) {
    $accountXml = if ($UseAutoLogon) { '<AutoLogonAccount/>' } else { "<Account Name=`"$(ConvertTo-XmlAttribute $Account)`"/>" }
    @"
<?xml version="1.0" encoding="utf-8"?>
<ShellLauncherConfiguration xmlns="http://schemas.microsoft.com/ShellLauncher/2018/Configuration" xmlns:V2="http://schemas.microsoft.com/ShellLauncher/2019/Configuration">
  <Profiles>
    <DefaultProfile>
      <Shell Shell="%SystemRoot%\explorer.exe"/>
    </DefaultProfile>
    <Profile Id="$ProfileId" Name="Passation">
      <Shell Shell="$(ConvertTo-XmlAttribute $Command)" V2:AppType="Desktop" V2:AllAppsFullScreen="true">
        <DefaultAction Action="RestartShell"/>
      </Shell>
    </Profile>
  </Profiles>
  <Configs>
    <Config>
      $accountXml
      <Profile Id="$ProfileId"/>
    </Config>
  </Configs>
</ShellLauncherConfiguration>
"@
}

function New-AssignedAccessXml([string] $Exe, [bool] $UseAutoLogon, [string] $Account) {
    $accountXml = if ($UseAutoLogon) { '<AutoLogonAccount rs5:DisplayName="Passation - borne"/>' } else { "<Account>$(ConvertTo-XmlAttribute $Account)</Account>" }
    @"
<?xml version="1.0" encoding="utf-8"?>
<AssignedAccessConfiguration xmlns="http://schemas.microsoft.com/AssignedAccess/2017/config" xmlns:rs5="http://schemas.microsoft.com/AssignedAccess/201810/config">
  <Profiles>
    <Profile Id="$ProfileId">
      <AllAppsList>
        <AllowedApps>
          <App DesktopAppPath="$(ConvertTo-XmlAttribute $Exe)" rs5:AutoLaunch="true"/>
        </AllowedApps>
      </AllAppsList>
      <StartLayout><![CDATA[<LayoutModificationTemplate xmlns="http://schemas.microsoft.com/Start/2014/LayoutModification" Version="1"><LayoutOptions StartTileGroupCellWidth="6"/><DefaultLayoutOverride><StartLayoutCollection><defaultlayout:StartLayout GroupCellWidth="6" xmlns:defaultlayout="http://schemas.microsoft.com/Start/2014/FullDefaultLayout"/></StartLayoutCollection></DefaultLayoutOverride></LayoutModificationTemplate>]]></StartLayout>
      <Taskbar ShowTaskbar="false"/>
    </Profile>
  </Profiles>
  <Configs>
    <Config>
      $accountXml
      <DefaultProfile Id="$ProfileId"/>
    </Config>
  </Configs>
</AssignedAccessConfiguration>
"@
}

# The MDM bridge accepts writes from SYSTEM only: a one-shot scheduled task running as SYSTEM applies the XML
# (or clears it when $Xml is empty) and writes its outcome to a file that this script then reads.
function Invoke-MdmAssignedAccess([ValidateSet('ShellLauncher', 'Configuration')] [string] $Property, [string] $Xml) {
    $work = Join-Path $env:ProgramData 'Passation\provisioning'
    New-Item -ItemType Directory -Force -Path $work | Out-Null
    $xmlFile = Join-Path $work 'assigned-access.xml'
    $resultFile = Join-Path $work 'result.txt'
    $scriptFile = Join-Path $work 'apply.ps1'
    Set-Content -Path $xmlFile -Value $Xml -Encoding UTF8
    Remove-Item -Force -ErrorAction SilentlyContinue $resultFile
    @"
`$ErrorActionPreference = 'Stop'
try {
    `$obj = Get-CimInstance -Namespace '$MdmNamespace' -ClassName MDM_AssignedAccess
    `$xml = Get-Content -Raw -Path '$xmlFile'
    if ([string]::IsNullOrWhiteSpace(`$xml)) { `$obj.$Property = `$null } else { `$obj.$Property = [System.Net.WebUtility]::HtmlEncode(`$xml) }
    Set-CimInstance -CimInstance `$obj | Out-Null
    Set-Content -Path '$resultFile' -Value 'ok'
} catch { Set-Content -Path '$resultFile' -Value `$_.Exception.Message }
"@ | Set-Content -Path $scriptFile -Encoding UTF8
    $taskName = 'Passation-AssignedAccess'
    $action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument "-NoProfile -ExecutionPolicy Bypass -File `"$scriptFile`""
    $principal = New-ScheduledTaskPrincipal -UserId 'NT AUTHORITY\SYSTEM' -LogonType ServiceAccount -RunLevel Highest
    Register-ScheduledTask -TaskName $taskName -Action $action -Principal $principal -Force | Out-Null
    try {
        Start-ScheduledTask -TaskName $taskName
        $deadline = (Get-Date).AddMinutes(2)
        while (-not (Test-Path $resultFile) -and (Get-Date) -lt $deadline) { Start-Sleep -Seconds 1 }
    } finally {
        Unregister-ScheduledTask -TaskName $taskName -Confirm:$false
    }
    $outcome = if (Test-Path $resultFile) { (Get-Content -Raw $resultFile).Trim() } else { 'pas de réponse en 2 minutes' }
    Remove-Item -Recurse -Force $work
    if ($outcome -ne 'ok') { Stop-WithRefusal "Windows a refusé la configuration $Property : $outcome" }
}

function Read-State {
    if (Test-Path $StateFile) { Get-Content -Raw $StateFile | ConvertFrom-Json } else { $null }
}

function Install-Kiosk {
    if (-not (Test-Path -LiteralPath $KioskExe -PathType Leaf)) {
        Stop-WithRefusal "l'application de la borne est introuvable : $KioskExe (installez Passation d'abord, ou indiquez -KioskExe)"
    }
    if (-not (Test-Path -LiteralPath $ConfigPath -PathType Leaf)) {
        Stop-WithRefusal "le fichier de configuration de la borne est introuvable : $ConfigPath (déposez-le d'abord, ou indiquez -ConfigPath)"
    }
    if ((Get-Item -LiteralPath $ConfigPath).Length -eq 0) { Stop-WithRefusal "le fichier de configuration de la borne est vide : $ConfigPath" }

    $caps = Get-KioskCapabilities
    Write-Step "édition : $($caps.Edition)"
    if (-not $caps.Supported) { Stop-WithRefusal "Windows Famille n'a ni Assigned Access ni Shell Launcher : il faut Windows Professionnel, Entreprise ou Éducation" }
    $chosen = switch ($Method) {
        'Auto' { if ($caps.ShellLauncher) { 'ShellLauncher' } else { 'AssignedAccess' } }
        'ShellLauncher' {
            if (-not $caps.ShellLauncher) { Stop-WithRefusal "Shell Launcher n'existe que sur Windows Entreprise, Éducation ou IoT Entreprise ; utilisez -Method AssignedAccess" }
            'ShellLauncher'
        }
        default { 'AssignedAccess' }
    }
    Write-Step "verrouillage : $chosen"

    $state = [ordered]@{ Method = $chosen; CreatedUser = $null; EnabledFeatures = @(); BlockedKeys = @(); AutoLogon = [bool] $AutoLogon }

    if (-not $AutoLogon) {
        if (Get-LocalUser -Name $KioskUser -ErrorAction SilentlyContinue) {
            Write-Step "déjà en place : le compte $KioskUser existe"
        } elseif ($PSCmdlet.ShouldProcess($KioskUser, 'Créer le compte local de la borne (utilisateur standard)')) {
            if (-not $KioskPassword) { $KioskPassword = Read-Host -AsSecureString "Mot de passe du compte $KioskUser" }
            New-LocalUser -Name $KioskUser -Password $KioskPassword -FullName 'Passation - borne' -Description "Borne d'examen Passation" -PasswordNeverExpires -UserMayNotChangePassword | Out-Null
            Add-LocalGroupMember -SID 'S-1-5-32-545' -Member $KioskUser   # Utilisateurs (standard, pas administrateur)
            $state.CreatedUser = $KioskUser
        }
    }

    $command = "`"$KioskExe`" --role=kiosk `"--config=$ConfigPath`""
    if ($chosen -eq 'ShellLauncher') {
        $feature = Get-WindowsOptionalFeature -Online -FeatureName 'Client-EmbeddedShellLauncher'
        if ($feature.State -ne 'Enabled' -and $PSCmdlet.ShouldProcess('Client-EmbeddedShellLauncher', 'Activer la fonctionnalité Windows Shell Launcher')) {
            Enable-WindowsOptionalFeature -Online -FeatureName 'Client-EmbeddedShellLauncher' -All -NoRestart | Out-Null
            $state.EnabledFeatures += 'Client-EmbeddedShellLauncher'
        }
        if ($PSCmdlet.ShouldProcess($command, 'Faire de l''application de la borne le shell du compte de borne (Shell Launcher v2)')) {
            Invoke-MdmAssignedAccess -Property ShellLauncher -Xml (New-ShellLauncherXml $command $AutoLogon $KioskUser)
        }
    } elseif ($PSCmdlet.ShouldProcess($KioskExe, 'Restreindre le compte de borne à la seule application de la borne (Assigned Access)')) {
        # Assigned Access starts the app without arguments: the app then reads its config from its default place.
        Invoke-MdmAssignedAccess -Property Configuration -Xml (New-AssignedAccessXml $KioskExe $AutoLogon $KioskUser)
    }

    if ($SkipKeyboardFilter) {
        Write-Step 'filtre clavier : laissé tel quel (-SkipKeyboardFilter)'
    } elseif (-not $caps.KeyboardFilter) {
        Write-Step "filtre clavier : absent de cette édition ($($caps.Edition)). Alt+Tab, Ctrl+Alt+Suppr et la touche Windows restent actifs au niveau du système ; l'application de la borne les détecte (perte de focus) et les signale au surveillant."
    } else {
        $feature = Get-WindowsOptionalFeature -Online -FeatureName 'Client-KeyboardFilter'
        if ($feature.State -ne 'Enabled') {
            if ($PSCmdlet.ShouldProcess('Client-KeyboardFilter', 'Activer la fonctionnalité Windows Keyboard Filter')) {
                Enable-WindowsOptionalFeature -Online -FeatureName 'Client-KeyboardFilter' -All -NoRestart | Out-Null
                $state.EnabledFeatures += 'Client-KeyboardFilter'
                Write-Step 'filtre clavier : activé ; redémarrez le poste puis relancez ce script pour bloquer les touches.'
            }
        } else {
            foreach ($key in $BlockedKeys) {
                $rule = Get-CimInstance -Namespace $EmbeddedNamespace -ClassName WEKF_PredefinedKey -Filter "Id='$key'" -ErrorAction SilentlyContinue
                if (-not $rule) { Write-Step "filtre clavier : combinaison inconnue de cette version de Windows, ignorée : $key"; continue }
                if ($rule.Enabled) { Write-Step "déjà en place : $key bloqué"; continue }
                if ($PSCmdlet.ShouldProcess($key, 'Bloquer la combinaison de touches pour les comptes non administrateurs')) {
                    Set-CimInstance -InputObject $rule -Property @{ Enabled = $true } | Out-Null
                    $state.BlockedKeys += $key
                }
            }
        }
    }

    $previous = Read-State
    if ($previous) {
        # A second run keeps what the first one recorded, so that -Uninstall still undoes all of it.
        if ($previous.CreatedUser -and -not $state.CreatedUser) { $state.CreatedUser = $previous.CreatedUser }
        $state.EnabledFeatures = @($previous.EnabledFeatures) + @($state.EnabledFeatures) | Select-Object -Unique
        $state.BlockedKeys = @($previous.BlockedKeys) + @($state.BlockedKeys) | Select-Object -Unique
    }
    if ($PSCmdlet.ShouldProcess($StateFile, 'Noter ce qui a été installé (pour -Uninstall)')) {
        New-Item -ItemType Directory -Force -Path (Split-Path $StateFile) | Out-Null
        $state | ConvertTo-Json | Set-Content -Path $StateFile -Encoding UTF8
        Write-Step 'terminé. Redémarrez le poste : il s''ouvrira sur la borne.'
    }
}

function Uninstall-Kiosk {
    $state = Read-State
    if (-not $state) { Write-Step "rien à retirer : aucune installation trouvée ($StateFile absent)."; return }
    $property = if ($state.Method -eq 'ShellLauncher') { 'ShellLauncher' } else { 'Configuration' }
    if ($PSCmdlet.ShouldProcess($property, 'Retirer la configuration de borne (Assigned Access / Shell Launcher)')) {
        Invoke-MdmAssignedAccess -Property $property -Xml ''
    }
    foreach ($key in @($state.BlockedKeys)) {
        $rule = Get-CimInstance -Namespace $EmbeddedNamespace -ClassName WEKF_PredefinedKey -Filter "Id='$key'" -ErrorAction SilentlyContinue
        if ($rule -and $rule.Enabled -and $PSCmdlet.ShouldProcess($key, 'Débloquer la combinaison de touches')) {
            Set-CimInstance -InputObject $rule -Property @{ Enabled = $false } | Out-Null
        }
    }
    foreach ($feature in @($state.EnabledFeatures)) {
        if ($PSCmdlet.ShouldProcess($feature, 'Désactiver la fonctionnalité Windows activée par ce script')) {
            Disable-WindowsOptionalFeature -Online -FeatureName $feature -NoRestart | Out-Null
        }
    }
    if ($state.CreatedUser -and (Get-LocalUser -Name $state.CreatedUser -ErrorAction SilentlyContinue)) {
        if ($PSCmdlet.ShouldProcess($state.CreatedUser, 'Supprimer le compte local de la borne (son profil C:\Users\… reste : il peut garder des réponses non envoyées)')) {
            Remove-LocalUser -Name $state.CreatedUser
        }
    }
    if ($PSCmdlet.ShouldProcess($StateFile, 'Supprimer la note d''installation')) {
        Remove-Item -Force $StateFile
        Write-Step 'terminé : la borne est retirée. Redémarrez le poste.'
    }
}

if (-not (Test-Administrator)) {
    Stop-WithRefusal 'ce script modifie le système : ouvrez PowerShell en tant qu''administrateur (clic droit → Exécuter en tant qu''administrateur)'
}
if ($Uninstall) { Uninstall-Kiosk } else { Install-Kiosk }
