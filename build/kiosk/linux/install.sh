#!/usr/bin/env bash
# Passation — prépare un poste Linux en borne d'examen : une session greetd qui ne lance que l'application de
# la borne sous le compositeur cage (kiosk-lockdown §1). Mode d'emploi : build/kiosk/README.md.
#
#   sudo ./install.sh [--binary CHEMIN] [--config CHEMIN] [--keyboard fr]   installe (ou met à jour)
#   sudo ./install.sh --uninstall                                          retire exactement ce qui a été installé
#   ./install.sh --dry-run …                                               affiche chaque action, ne change rien
#   DESTDIR=/un/dossier ./install.sh …                                     installe sous ce dossier (paquets, tests)
#
# Relancer le script ne change que ce qui diffère ; une seconde installation identique ne touche à rien.
set -euo pipefail

readonly KIOSK_USER=passation-kiosk
readonly KIOSK_HOME=/var/lib/passation-kiosk
readonly LIB_DIR=/usr/lib/passation-kiosk
readonly ETC_DIR=/etc/passation-kiosk
readonly MANIFEST=$ETC_DIR/installed.manifest
readonly GREETD_DROPIN=/etc/systemd/system/greetd.service.d/passation-kiosk.conf
readonly CTRL_ALT_DEL=/etc/systemd/system/ctrl-alt-del.target
readonly DISPLAY_MANAGER_LINK=/etc/systemd/system/display-manager.service

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
files=$here/files

action=install
dry_run=0
binary=/opt/Passation/passation
config=$ETC_DIR/kiosk.json
keyboard=fr
root=${DESTDIR:-}
root=${root%/}

say() { printf 'passation-kiosk : %s\n' "$*"; }
refuse() { printf 'passation-kiosk : refusé — %s\n' "$1" >&2; exit "${2:-1}"; }

usage() {
  cat <<'EOF'
Usage : sudo ./install.sh [options]
  --binary CHEMIN    l'application de la borne (défaut : /opt/Passation/passation)
  --config CHEMIN    son fichier de configuration, déposé par le service informatique
                     (défaut : /etc/passation-kiosk/kiosk.json)
  --keyboard CODE    disposition du clavier de la borne (défaut : fr)
  --uninstall        retire tout ce que ce script a installé (le fichier de configuration reste)
  --dry-run          affiche chaque action sans rien changer
  --help             ce message
Variable DESTDIR : installe sous ce dossier au lieu de / (sans compte ni service activé).
EOF
}

while (($# > 0)); do
  case $1 in
    --binary) (($# >= 2)) || refuse "--binary attend un chemin" 2; binary=$2; shift 2 ;;
    --binary=*) binary=${1#*=}; shift ;;
    --config) (($# >= 2)) || refuse "--config attend un chemin" 2; config=$2; shift 2 ;;
    --config=*) config=${1#*=}; shift ;;
    --keyboard) (($# >= 2)) || refuse "--keyboard attend un code de disposition (fr, be, ch…)" 2; keyboard=$2; shift 2 ;;
    --keyboard=*) keyboard=${1#*=}; shift ;;
    --uninstall) action=uninstall; shift ;;
    --dry-run) dry_run=1; shift ;;
    --help|-h) usage; exit 0 ;;
    *) usage >&2; refuse "option inconnue : $1" 2 ;;
  esac
done

# --- checks: nothing is changed before all of them pass -----------------------------------------------------

if [[ -n $root ]]; then
  [[ $root == /* ]] || refuse "DESTDIR doit être un chemin absolu (reçu : $root)" 2
  [[ -d $root ]] || refuse "DESTDIR n'est pas un dossier existant : $root" 2
elif ((dry_run == 0)) && [[ $(id -u) -ne 0 ]]; then
  refuse "ce script modifie le système : lancez-le en administrateur (sudo $0 …), ou avec --dry-run pour voir ce qu'il ferait"
fi

safe_path() { [[ $1 == /* && $1 =~ ^[A-Za-z0-9._/+@-]+$ && $1 != *..* ]]; }

if [[ $action == install ]]; then
  safe_path "$binary" || refuse "--binary doit être un chemin absolu sans espace ni caractère spécial (reçu : $binary)" 2
  safe_path "$config" || refuse "--config doit être un chemin absolu sans espace ni caractère spécial (reçu : $config)" 2
  [[ $keyboard =~ ^[a-z]{2,3}(,[a-z]{2,3})*$ ]] || refuse "--keyboard attend un code de disposition comme fr, be ou ch (reçu : $keyboard)" 2
  [[ -e $root$binary ]] || refuse "l'application de la borne est introuvable : $root$binary (installez Passation d'abord, ou indiquez --binary)"
  [[ -f $root$binary && -x $root$binary ]] || refuse "l'application de la borne n'est pas un fichier exécutable : $root$binary"
  [[ -e $root$config ]] || refuse "le fichier de configuration de la borne est introuvable : $root$config (déposez-le d'abord, ou indiquez --config)"
  [[ -f $root$config && -r $root$config ]] || refuse "le fichier de configuration de la borne n'est pas un fichier lisible : $root$config"
  [[ -s $root$config ]] || refuse "le fichier de configuration de la borne est vide : $root$config"
  if [[ -n $(find "$root$config" -maxdepth 0 -perm /022) ]]; then
    refuse "le fichier de configuration est modifiable par d'autres comptes que son propriétaire : $root$config (chmod 644 $root$config)"
  fi
  if [[ -z $root ]]; then
    [[ -d /run/systemd/system ]] || refuse "ce poste ne démarre pas avec systemd : la session de borne n'y est pas prise en charge"
    PATH=$PATH:/usr/sbin:/sbin
    command -v cage >/dev/null || refuse "cage n'est pas installé : sudo apt install cage greetd"
    command -v greetd >/dev/null || refuse "greetd n'est pas installé : sudo apt install cage greetd"
  fi
fi

# --- the actions: each one says what it does, or would do ---------------------------------------------------

changes=0
declare -A simulated_dirs=()
entries=()  # the manifest's lines for this run: "file|dir|link PATH", "user NAME", "display-manager UNIT"

note_change() { changes=$((changes + 1)); say "$1"; }

simulate_or() {  # simulate_or DESCRIPTION COMMAND… : runs COMMAND, or only prints it under --dry-run
  local description=$1; shift
  if ((dry_run)); then note_change "[simulation] $description"; else "$@"; note_change "$description"; fi
}

ensure_dir() {  # ensure_dir PATH : creates PATH and its missing parents, remembering the ones it created
  local dir=$1
  if [[ -d $root$dir || -n ${simulated_dirs[$dir]:-} ]]; then return 0; fi
  ensure_dir "$(dirname "$dir")"
  entries+=("dir $dir")
  simulated_dirs[$dir]=1
  simulate_or "dossier créé : $root$dir" mkdir -m 755 "$root$dir"
}

install_file() {  # install_file SOURCE PATH MODE
  local source=$1 path=$2 mode=$3 target=$root$2
  entries+=("file $path")
  if [[ -f $target && ! -L $target ]] && cmp -s "$source" "$target" && [[ $(stat -c %a "$target") == "$mode" ]]; then
    say "déjà à jour : $target"
    return 0
  fi
  ensure_dir "$(dirname "$path")"
  simulate_or "installé : $target (mode $mode)" install -m "$mode" "$source" "$target"
}

run_system() {  # run_system DESCRIPTION COMMAND… : a change to the running system, never under DESTDIR
  local description=$1; shift
  if [[ -n $root ]]; then say "ignoré sous DESTDIR : $description ($*)"; return 0; fi
  simulate_or "$description ($*)" "$@"
}

manifest_lines() {
  if [[ -f $root$MANIFEST ]]; then grep -v '^#' "$root$MANIFEST" || true; fi
}

write_manifest() {
  local tmp
  tmp=$(mktemp)
  { echo "# Passation — ce que build/kiosk/linux/install.sh a installé ; --uninstall le retire. Ne pas modifier."
    { manifest_lines; printf '%s\n' "${entries[@]}" "file $MANIFEST"; } | sort -u
  } >"$tmp"
  install_file "$tmp" "$MANIFEST" 644
  rm -f "$tmp"
}

tmp_env=""
sim_note=""
if ((dry_run)); then sim_note=" (simulation : rien ne sera modifié)"; fi
trap 'rm -f "$tmp_env"' EXIT

do_install() {
  tmp_env=$(mktemp)
  {
    echo "# Passation — réglages de la borne, écrits par build/kiosk/linux/install.sh (relancez-le pour les changer)."
    echo "PASSATION_KIOSK_BINARY='$binary'"
    echo "PASSATION_KIOSK_CONFIG='$config'"
    echo "PASSATION_KIOSK_KEYBOARD='$keyboard'"
  } >"$tmp_env"

  say "installation de la session de borne${root:+ sous $root}$sim_note"
  install_file "$files/start-session" "$LIB_DIR/start-session" 755
  install_file "$files/kiosk-loop" "$LIB_DIR/kiosk-loop" 755
  install_file "$tmp_env" "$ETC_DIR/kiosk.env" 644
  install_file "$files/greetd.toml" "$ETC_DIR/greetd.toml" 644
  install_file "$files/greetd-dropin.conf" "$GREETD_DROPIN" 644
  install_file "$files/logind.conf" /etc/systemd/logind.conf.d/passation-kiosk.conf 644
  install_file "$files/sysctl.conf" /etc/sysctl.d/90-passation-kiosk.conf 644
  local units_changed=$changes

  # Ctrl+Alt+Suppr ne redémarre pas la borne : la cible systemd est masquée (un lien vers /dev/null).
  if [[ -L $root$CTRL_ALT_DEL && $(readlink "$root$CTRL_ALT_DEL") == /dev/null ]]; then
    if manifest_lines | grep -qx "link $CTRL_ALT_DEL"; then entries+=("link $CTRL_ALT_DEL"); fi  # ours from before
    say "déjà à jour : $root$CTRL_ALT_DEL (Ctrl+Alt+Suppr sans effet)"
  elif [[ -e $root$CTRL_ALT_DEL || -L $root$CTRL_ALT_DEL ]]; then
    say "attention : $root$CTRL_ALT_DEL existe déjà et n'est pas de nous ; laissé tel quel (Ctrl+Alt+Suppr peut redémarrer le poste)"
  else
    ensure_dir "$(dirname "$CTRL_ALT_DEL")"
    entries+=("link $CTRL_ALT_DEL")
    simulate_or "Ctrl+Alt+Suppr sans effet : $root$CTRL_ALT_DEL → /dev/null" ln -s /dev/null "$root$CTRL_ALT_DEL"
  fi

  if [[ -z $root ]]; then
    if id "$KIOSK_USER" >/dev/null 2>&1; then
      say "déjà à jour : le compte $KIOSK_USER existe"
      if manifest_lines | grep -qx "user $KIOSK_USER"; then entries+=("user $KIOSK_USER"); fi
    else
      entries+=("user $KIOSK_USER")
      run_system "compte de la borne créé, sans mot de passe ni shell" \
        useradd --system --create-home --home-dir "$KIOSK_HOME" --shell /usr/sbin/nologin \
        --comment "Passation - borne d'examen" "$KIOSK_USER"
    fi
    if ((units_changed > 0)); then
      run_system "systemd relit ses fichiers" systemctl daemon-reload
      run_system "réglage SysRq appliqué" sysctl -q -p /etc/sysctl.d/90-passation-kiosk.conf
    fi
    local current=""
    if [[ -L $DISPLAY_MANAGER_LINK ]]; then current=$(basename "$(readlink "$DISPLAY_MANAGER_LINK")"); fi
    if [[ $current == greetd.service ]]; then
      say "déjà à jour : greetd est le gestionnaire de connexion"
      local previous
      previous=$(manifest_lines | sed -n 's/^display-manager //p')
      if [[ -n $previous ]]; then entries+=("display-manager $previous"); fi
    else
      if [[ -n $current ]]; then
        entries+=("display-manager $current")
        run_system "l'ancien gestionnaire de connexion ne démarre plus" systemctl disable "$current"
      fi
      run_system "greetd lance la borne au démarrage" systemctl enable greetd.service
    fi
  fi

  write_manifest
  if ((changes == 0)); then
    say "aucun changement : tout était déjà en place."
  else
    if ((dry_run)); then
      say "simulation terminée : $changes action(s) à faire, rien n'a été modifié."
    elif [[ -n $root ]]; then
      say "terminé : $changes changement(s) sous $root."
    else
      say "terminé : $changes changement(s). Redémarrez le poste (sudo reboot) : il s'ouvrira sur la borne."
    fi
  fi
}

would_be_empty() {  # would_be_empty DIR : true when DIR holds nothing but what --uninstall removes
  local dir=$1 child
  ((dry_run)) || { [[ -z $(ls -A "$root$dir") ]]; return; }
  for child in "$root$dir"/* "$root$dir"/.[!.]*; do
    [[ -e $child || -L $child ]] || continue
    child=${child#"$root"}
    if manifest_lines | grep -qxE "(file|link) $child"; then continue; fi
    if manifest_lines | grep -qx "dir $child" && would_be_empty "$child"; then continue; fi
    return 1
  done
}

do_uninstall() {
  if [[ ! -f $root$MANIFEST ]]; then
    say "rien à retirer : aucune installation trouvée ($root$MANIFEST absent)."
    return 0
  fi
  say "retrait de la session de borne${root:+ sous $root}$sim_note"
  local kind path
  local -a dirs=()
  local previous="" user=""
  while read -r kind path; do
    case $kind in
      file|link) if [[ -e $root$path || -L $root$path ]]; then simulate_or "retiré : $root$path" rm -f "$root$path"; fi ;;
      dir) dirs+=("$path") ;;
      user) user=$path ;;
      display-manager) previous=$path ;;
    esac
  done < <(manifest_lines)

  if [[ -z $root ]]; then
    run_system "greetd ne lance plus la borne" systemctl disable greetd.service
    if [[ -n $previous ]]; then run_system "l'ancien gestionnaire de connexion revient" systemctl enable "$previous"; fi
    run_system "systemd relit ses fichiers" systemctl daemon-reload
    if [[ -n $user ]] && id "$user" >/dev/null 2>&1; then
      run_system "compte $user supprimé (son dossier $KIOSK_HOME reste : il peut garder des réponses non envoyées)" userdel "$user"
    fi
  fi
  # The folders this script created, deepest first, only when empty (a file someone else put there stays).
  local dir
  while read -r dir; do
    [[ -n $dir && -d $root$dir ]] || continue
    if would_be_empty "$dir"; then
      simulate_or "dossier retiré : $root$dir" rmdir "$root$dir"
    else
      say "dossier gardé, il n'est pas vide : $root$dir"
    fi
  done < <(printf '%s\n' "${dirs[@]}" | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2-)
  if ((dry_run)); then
    say "simulation terminée : $changes action(s) à faire, rien n'a été modifié."
  else
    say "terminé : la session de borne est retirée ($changes changement(s))."
  fi
}

if [[ $action == install ]]; then do_install; else do_uninstall; fi
