#!/usr/bin/env bash
# A real single-node Slurm on this machine: installs slurm-wlm and munge if missing, writes a
# slurm.conf under a temporary directory (no cgroups), starts munged, slurmctld and slurmd,
# runs the sweep through deploy/slurm/sweep.sbatch (a job array, then the merge) and checks
# that the merged files equal a local run byte for byte. Stops the daemons it started.
#
#   scripts/slurm-test.sh COGOV_BINARY DESIGN SWEEP [SHARDS]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ $# -ge 3 ] || die "usage: $0 COGOV_BINARY DESIGN SWEEP [SHARDS]"
COGOV="$(realpath "$1")" DESIGN="$(realpath "$2")" SWEEP="$(realpath "$3")" SHARDS="${4:-4}"
[ "$(id -u)" -eq 0 ] || die "the Slurm test starts munged, slurmctld and slurmd: run it as root"
apt_install "${SWEEP_PACKAGES[@]}"

T="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "${KEEP:-}" ] || rm -rf "$T"
}
trap cleanup EXIT
mkdir -p "$T"/{state,spool,munge,out}

# munge: a key of our own and a socket under the temporary directory.
dd if=/dev/urandom of="$T/munge/munge.key" bs=1 count=1024 status=none
chmod 700 "$T/munge"
chmod 400 "$T/munge/munge.key"
MUNGE_SOCKET="$T/munge/munge.socket"
munged --foreground --force --key-file="$T/munge/munge.key" --socket="$MUNGE_SOCKET" \
  --pid-file="$T/munge/munged.pid" --log-file="$T/munge/munged.log" --seed-file="$T/munge/seed" &
pids+=($!)

cpus="$(nproc)"
[ "$cpus" -ge 2 ] && cpus=2
cat > "$T/slurm.conf" <<CONF
ClusterName=cogovtest
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$MUNGE_SOCKET
CredType=cred/munge
SlurmctldPort=16817
SlurmdPort=16818
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
MinJobAge=60
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$T/slurm.conf"
for _ in $(seq 50); do [ -S "$MUNGE_SOCKET" ] && break; sleep 0.1; done
[ -S "$MUNGE_SOCKET" ] || die "munged did not start: $(cat "$T/munge/munged.log" 2>/dev/null)"

slurmctld -D -i -f "$SLURM_CONF" &
pids+=($!)
slurmd -D -N localhost -f "$SLURM_CONF" &
pids+=($!)
for _ in $(seq 60); do
  sinfo -h -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)' && break
  sleep 1
done
sinfo -h -o %t | grep -qE '^(idle|mix|alloc)' || die "the node did not come up: $(tail -5 "$T/slurmctld.log" "$T/slurmd.log")"
say "single-node Slurm up ($cpus CPUs); submitting $SHARDS shards and the merge"

COGOV="$COGOV" SBATCH_WAIT=1 "$ROOT/deploy/slurm/sweep.sbatch" "$DESIGN" "$SWEEP" "$T/out/slurm" "$SHARDS" \
  || die "the merge job failed: $(cat "$T"/out/slurm/*.out 2>/dev/null | tail -20)"
"$COGOV" sweep "$DESIGN" "$SWEEP" --out "$T/out/local" >/dev/null
for f in "$T"/out/local/*; do
  n="$(basename "$f")"
  cmp -s "$f" "$T/out/slurm/$n" || die "$n differs between the Slurm run and the local run"
done
say "the Slurm job array's merged files equal the local run byte for byte ($(ls "$T/out/local" | wc -l) files)"
