#!/usr/bin/env bash
# `make test-slurm`: singan-edit's batch training on a real Slurm. Starts munged, slurmctld and
# slurmd as a one-node cluster on this machine (generated slurm.conf, everything in a temporary
# folder, other ports than a real cluster's), submits a job array of 3 tiny trainings with
# `singan-edit batch train --slurm`, requeues one task in the middle of a scale (`scontrol
# requeue`: Slurm sends SIGTERM, the training saves a snapshot and exits 143, the task is queued
# again and resumes), sends another task the time-limit warning (USR1 to the job script, which
# stops the training and requeues the task itself), and checks that all 3 models are complete and
# that both interrupted ones have exactly the chunks (weights, noise, settings) of trainings that
# were never interrupted.
# The daemons are stopped at the end, whatever happens. Needs root (installs slurm-wlm and munge
# with apt when they are missing; the daemons run as root).
#
#   bash Tests/Slurm/run.sh [path/to/singan-edit]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-.build/release/singan-edit}")
[ -x "$BIN" ] || { echo "error: $BIN is not built; run 'make test-slurm'" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "error: the Slurm test starts slurmctld, slurmd and munged as root; run it as root" >&2; exit 1; }
START=$(date +%s)

missing=""
for p in slurm-wlm munge; do
  dpkg-query -W -f='${Status}' $p 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "Installing:$missing"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

T=$(mktemp -d /tmp/singan-slurm-XXXXXX)
export SLURM_CONF=$T/slurm.conf
stop_cluster() {
  local status=$? pids=""
  set +e
  if [ -f "$T/slurmctld.pid" ]; then
    squeue -h -o %i 2>/dev/null | xargs -r scancel 2>/dev/null
    for _ in $(seq 40); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 1; done
  fi
  if [ $status != 0 ]; then
    echo "--- the test failed; the cluster's logs:" >&2
    tail -n 20 "$T"/log/*.log "$T"/run/slurm/*.out "$T"/run/logs/*.log >&2 2>/dev/null
  fi
  for daemon in slurmd slurmctld munge/munged; do
    pids+=" $(cat "$T/$daemon.pid" 2>/dev/null)"
  done
  kill $pids 2>/dev/null
  for pid in $pids; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  done
  rm -rf "$T"
  exit $status
}
trap stop_cluster EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# --- a one-node cluster ----------------------------------------------------------------------
mkdir -p "$T/munge" "$T/state" "$T/spool" "$T/log" "$T/images"
dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$T/munge/munge.key"
munged --force --key-file="$T/munge/munge.key" --socket="$T/munge/munge.socket" --pid-file="$T/munge/munged.pid" \
  --log-file="$T/log/munged.log" --seed-file="$T/munge/munged.seed"
HOST=$(uname -n)
HOST=${HOST%%.*}
PORT=$((20000 + RANDOM % 10000))
cat > "$SLURM_CONF" <<CONF
ClusterName=singan-test
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$T/munge/munge.socket
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
KillWait=30
MinJobAge=600
NodeName=node1 NodeHostname=$HOST NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=debug Nodes=node1 Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF" -N node1
for _ in $(seq 30); do sinfo -h -o %T 2>/dev/null | grep -q idle && break; sleep 1; done
sinfo -h -o %T | grep -q idle || fail "the node did not become idle"
echo "one-node cluster up (slurm $(sinfo -V | cut -d' ' -f2), port $PORT)"

# --- three tiny trainings as a job array -----------------------------------------------------
vips thumbnail Samples/images/rocket.jpg "$T/images/rocket.png" 40
vips thumbnail Samples/images/hubble_deep_field.jpg "$T/images/hubble.png" 40
vips thumbnail Samples/paint/hubble_paint.png "$T/images/paint.png" 40
printf 'image,seed\nrocket.png,11\nhubble.png,12\npaint.png,13\n' > "$T/images/set.csv"
OPTIONS=(--max-size 40 --iterations 100)
RUN=$T/run
submitted=$("$BIN" batch train "$T/images/set.csv" -o "$RUN" --slurm --cpus-per-task 1 "${OPTIONS[@]}")
echo "$submitted"
JOB=$(echo "$submitted" | sed -n 's/^submitted job array \([0-9]*\):.*/\1/p')
[ -n "$JOB" ] || fail "no job id in: $submitted"

# Requeue task 1 (hubble) while it trains its second scale.
for _ in $(seq 600); do grep -q "scale 2/" "$RUN/logs/hubble.log" 2>/dev/null && break; sleep 0.2; done
grep -q "scale 2/" "$RUN/logs/hubble.log" || fail "task 1 never reached its second scale"
scontrol requeue "${JOB}_1"
echo "requeued task ${JOB}_1 in scale 2"
# Its training saves the unfinished scale and exits 143; the task waits in the queue.
for _ in $(seq 300); do
  "$BIN" batch status "$RUN" | grep -q "^hubble  partial" && break; sleep 0.2
done
"$BIN" batch status "$RUN" | grep -q "^hubble  partial  [1-9]/" || fail "the requeued model is not partial: $("$BIN" batch status "$RUN")"
grep -q "exit status 143" "$RUN/logs/hubble.log" || fail "the requeued training did not exit with 143 (SIGTERM, saved)"
grep -q "iterations of scale [0-9]* are saved" "$RUN/logs/hubble.log" || fail "no mid-scale snapshot in the requeued training's log"
# Slurm holds a requeued job for about two minutes before it may start again; skip the wait.
scontrol update JobId="${JOB}_1" StartTime=now

# Task 2 (paint) reaches its time limit: USR1 to the job script alone, as --signal=B:USR1@120 sends
# it; the script stops the training (SIGTERM, saved) and requeues the task itself.
for _ in $(seq 900); do grep -q "scale 2/" "$RUN/logs/paint.log" 2>/dev/null && break; sleep 0.2; done
grep -q "scale 2/" "$RUN/logs/paint.log" || fail "task 2 never reached its second scale"
scancel --batch --signal=USR1 "${JOB}_2"
echo "sent USR1 (time limit near) to task ${JOB}_2 in scale 2"
for _ in $(seq 300); do
  [ "$(squeue -h -j "${JOB}_2" -o %T 2>/dev/null)" = PENDING ] && break; sleep 0.2
done
[ "$(squeue -h -j "${JOB}_2" -o %T)" = PENDING ] || fail "task 2 did not requeue itself: $(squeue)"
grep -q "time limit near; saving and requeueing" "$RUN/slurm/${JOB}_2.out" || fail "the job script's USR1 trap did not run"
scontrol update JobId="${JOB}_2" StartTime=now

for _ in $(seq 600); do [ -z "$(squeue -h -j "$JOB" 2>/dev/null)" ] && break; sleep 0.5; done
[ -z "$(squeue -h -j "$JOB")" ] || fail "the job array did not finish in 5 minutes: $(squeue)"

# --- checks ----------------------------------------------------------------------------------
"$BIN" batch status "$RUN"
[ "$("$BIN" batch status "$RUN" --json | grep -c '"state" : "done"')" = 3 ] || fail "not all 3 models are done"
for name in rocket hubble paint; do
  "$BIN" info --json "$RUN/models/$name.sgn" | grep -q '"complete" : true' || fail "$name.sgn is not complete"
done
for name in hubble paint; do
  grep -q "resuming $RUN/models/$name.sgn: [0-9]* of [0-9]* scales done, and " "$RUN/logs/$name.log" \
    || fail "the restarted $name task did not resume from its snapshot"
done

# The little-endian unsigned number of $3 bytes (default 1) at offset $2 of file $1.
number_at() {
  od -An -tu1 -j "$2" -N "${3:-1}" "$1" | awk '{ for (i = 1; i <= NF; i++) b[++k] = $i }
                                            END { v = 0; for (i = k; i >= 1; i--) v = v * 256 + b[i]; printf "%d", v }'
}
# The SHA-256 of every chunk of a model but `timings` (names, lengths and payloads; the layout is
# in Docs/checkpoint-format.md, section 3): two trainings of the same model differ only in times.
chunks_digest() {
  local file=$1 position count n name offset length
  number() { number_at "$file" "$1" "$2"; }
  position=$(number 16 4)
  count=$(number 20 4)
  for ((i = 0; i < count; i++)); do
    n=$(number "$position" 1)
    name=$(dd if="$file" bs=1 skip=$((position + 1)) count="$n" status=none)
    offset=$(number $((position + n + 3)) 8)
    length=$(number $((position + n + 11)) 8)
    if [ "$name" != timings ]; then echo "$name $length"; tail -c +$((offset + 1)) "$file" | head -c "$length"; fi
    position=$((position + n + 23))
  done | sha256sum | cut -d' ' -f1
}
"$BIN" train "$T/images/hubble.png" -o "$T/reference.sgn" "${OPTIONS[@]}" --seed 12 --threads 1 --quiet
[ "$(chunks_digest "$T/reference.sgn")" = "$(chunks_digest "$RUN/models/hubble.sgn")" ] \
  || fail "the requeued model differs from an uninterrupted training with the same seed"
"$BIN" train "$T/images/paint.png" -o "$T/reference-paint.sgn" "${OPTIONS[@]}" --seed 13 --threads 1 --quiet
[ "$(chunks_digest "$T/reference-paint.sgn")" = "$(chunks_digest "$RUN/models/paint.sgn")" ] \
  || fail "the model requeued at its time limit differs from an uninterrupted training with the same seed"
# The comparison sees the weights: one byte changed in the middle of the file (inside a tensor) shows.
cp "$T/reference.sgn" "$T/changed.sgn"
middle=$(( $(stat -c %s "$T/changed.sgn") / 2 ))
printf "\\$(printf %03o $(( ($(number_at "$T/changed.sgn" "$middle") + 1) % 256 )))" | dd of="$T/changed.sgn" bs=1 seek="$middle" conv=notrunc status=none
[ "$(chunks_digest "$T/reference.sgn")" != "$(chunks_digest "$T/changed.sgn")" ] || fail "the digest ignores the weights"
echo "--- what task 2 printed (${JOB}_2.out, appended across its two runs):"
cat "$RUN/slurm/${JOB}_2.out"
echo "PASS: 3 models trained as a Slurm job array; the requeued and the timed-out task resumed to the weights of uninterrupted trainings ($(( $(date +%s) - START )) s)"
