#!/usr/bin/env bash
# A throw-away one-node Slurm on this machine, for tests: munged (as the munge user), slurmctld and slurmd on
# localhost, one node, proctrack/linuxproc, task/none, no accounting. Everything lives in STATE (config,
# munge key and socket, spool, logs), so nothing of the system's Slurm or munge set-up is read or changed.
#
#   src/slurm/cluster.sh up STATE     start the daemons; prints the line to source: `export SLURM_CONF=...`
#   src/slurm/cluster.sh down STATE   stop exactly the daemons `up` started (their PIDs are in STATE/pids)
#
# Needs root (it starts munged as the munge user) and Debian's slurmctld, slurmd, slurm-client and munge
# (src/build/setup.sh --all installs them). `up` fails, and stops what it started, when the node does not come up.
set -euo pipefail

usage() { echo "usage: $0 up|down STATE_DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd=$1
state=$(mkdir -p "$2" && cd "$2" && pwd)
pids="$state/pids"

# Stops the processes recorded in STATE/pids (one "name pid" per line), only if they are still the programs
# recorded (a PID may have been reused): SIGTERM, then SIGKILL after 10 s. Jobs still queued or running are
# cancelled first and given 30 s to end, so that no job step (slurmstepd) outlives its slurmd.
down() {
  [ -f "$pids" ] || return 0
  local name pid jobs
  if [ -f "$state/slurm.conf" ]; then
    jobs=$(SLURM_CONF="$state/slurm.conf" squeue -h -o %A 2>/dev/null | sort -u || true)
    if [ -n "$jobs" ]; then
      # shellcheck disable=SC2086
      SLURM_CONF="$state/slurm.conf" scancel $jobs 2>/dev/null || true
      for _ in $(seq 300); do
        [ -z "$(SLURM_CONF="$state/slurm.conf" squeue -h -o %A 2>/dev/null)" ] && break
        sleep 0.1
      done
      echo "slurm-test-cluster: cancelled the jobs left: $(echo $jobs)"
    fi
  fi
  tac "$pids" | while read -r name pid; do
    if [ -d "/proc/$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$name" ]; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 100); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
      if [ -d "/proc/$pid" ]; then
        kill -KILL "$pid" 2>/dev/null || true
      fi
      echo "slurm-test-cluster: stopped $name (pid $pid)"
    fi
  done
  rm -f "$pids"
}

free_port() {
  python3 - <<'EOF'
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
EOF
}

# Waits until the process named $1 with PID $2 has written its PID file $3 (or dies): its start-up is done.
wait_started() {
  local name=$1 pid=$2 file=$3
  for _ in $(seq 300); do
    [ -d "/proc/$pid" ] || { echo "slurm-test-cluster: $name exited at start; its log:" >&2; return 1; }
    [ -s "$file" ] && return 0
    sleep 0.1
  done
  echo "slurm-test-cluster: $name did not start within 30 s" >&2
  return 1
}

up() {
  [ "$(id -u)" -eq 0 ] || { echo "slurm-test-cluster: needs root (munged runs as the munge user)" >&2; exit 1; }
  for p in munged slurmctld slurmd sbatch; do
    command -v "$p" >/dev/null || { echo "slurm-test-cluster: $p not found (bash src/build/setup.sh --all)" >&2; exit 1; }
  done
  if [ -s "$pids" ]; then
    echo "slurm-test-cluster: $pids exists: a cluster may be running; '$0 down $state' first" >&2
    exit 1
  fi
  trap 'down' ERR
  : >"$pids"
  local host cpus mem_mb ctld_port d_port
  host=$(hostname -s)
  cpus=$(nproc)
  mem_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512 ))
  ctld_port=$(free_port)
  d_port=$(free_port)

  # munge: a key of our own, socket and logs under STATE, owned by munge, started as the munge user.
  rm -rf "$state/munge"
  chmod 0755 "$state"
  install -d -m 0700 -o munge -g munge "$state/munge"
  if ! setpriv --reuid=munge --regid=munge --init-groups test -x "$state/munge"; then
    echo "slurm-test-cluster: the munge user cannot reach $state/munge: make its parent folders traversable (o+x)" >&2
    false
  fi
  dd if=/dev/urandom of="$state/munge/munge.key" bs=1024 count=1 status=none
  chown munge:munge "$state/munge/munge.key"
  chmod 0400 "$state/munge/munge.key"
  setpriv --reuid=munge --regid=munge --init-groups munged --foreground --force \
    --key-file="$state/munge/munge.key" --socket="$state/munge/munge.socket" \
    --pid-file="$state/munge/munged.pid" --log-file="$state/munge/munged.log" \
    --seed-file="$state/munge/munged.seed" >"$state/munge/munged.out" 2>&1 &
  echo "munged $!" >>"$pids"
  wait_started munged $! "$state/munge/munged.pid" || { cat "$state/munge/munged.log" "$state/munge/munged.out" >&2 || true; false; }
  for _ in $(seq 50); do [ -S "$state/munge/munge.socket" ] && break; sleep 0.1; done

  mkdir -p "$state/ctld" "$state/spool" "$state/log"
  cat >"$state/slurm.conf" <<EOF
# Written by src/slurm/cluster.sh: a one-node test cluster.
ClusterName=modelscout-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$state/munge/munge.socket
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
KillWait=5
MinJobAge=600
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  : >"$state/cgroup.conf"
  export SLURM_CONF="$state/slurm.conf"
  rm -f "$state/slurmctld.pid" "$state/slurmd.pid"
  slurmctld -D -i -f "$SLURM_CONF" >"$state/log/slurmctld.out" 2>&1 &
  echo "slurmctld $!" >>"$pids"
  wait_started slurmctld $! "$state/slurmctld.pid" || { cat "$state/log/slurmctld.log" "$state/log/slurmctld.out" >&2 || true; false; }
  slurmd -D -f "$SLURM_CONF" >"$state/log/slurmd.out" 2>&1 &
  echo "slurmd $!" >>"$pids"
  wait_started slurmd $! "$state/slurmd.pid" || { cat "$state/log/slurmd.log" "$state/log/slurmd.out" >&2 || true; false; }

  # The node must be idle (up, registered) before jobs can run.
  local s=""
  for _ in $(seq 300); do
    s=$(sinfo -h -n "$host" -o %T 2>/dev/null || true)
    case "$s" in idle*|mix*|alloc*) break ;; esac
    sleep 0.1
  done
  case "$s" in
    idle*|mix*|alloc*) ;;
    *) echo "slurm-test-cluster: node $host is '${s:-not reported}', not idle; slurmd log:" >&2
       tail -20 "$state/log/slurmd.log" >&2 || true
       false ;;
  esac
  trap - ERR
  echo "slurm-test-cluster: up in $state (node $host, $cpus CPUs; munged, slurmctld, slurmd: $(awk '{print $2}' "$pids" | paste -sd' '))" >&2
  echo "export SLURM_CONF=$SLURM_CONF"
}

case "$cmd" in
  up) up ;;
  down) down ;;
  *) usage ;;
esac
