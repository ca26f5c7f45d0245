#!/usr/bin/env bash
# A project-local Python virtual environment with SALib pinned, for the test that checks the
# sweep's sensitivity indices against SALib's on the same samples (target/salib-venv).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SALIB_VERSION="1.5.1"
# SALib 1.5.1 calls pandas.unique on a list, which pandas 3 refuses: pandas (and numpy 1.x, which it was built against) are pinned too.
VENV="$ROOT/target/salib-venv"
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import sys, importlib.metadata as m; sys.exit(m.version('SALib') != '$SALIB_VERSION')" 2>/dev/null; then
  exit 0
fi
command -v python3 >/dev/null || apt_install python3
python3 -c "import venv, ensurepip" 2>/dev/null || apt_install python3-venv
say "installing SALib $SALIB_VERSION into target/salib-venv"
python3 -m venv "$VENV"
"$VENV/bin/pip" install -q "SALib==$SALIB_VERSION" "pandas==2.2.3" "numpy==1.26.4" || die "pip could not install SALib $SALIB_VERSION"
