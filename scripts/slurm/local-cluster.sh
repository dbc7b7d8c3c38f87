#!/usr/bin/env bash
# A throw-away Slurm cluster on this machine: munged, one slurmctld and two slurmd (nodes n1, n2),
# all run as root in the foreground of background jobs, on free loopback ports, with their config,
# state, logs and munge key in DIR. Their pids go to DIR/pids; `stop DIR` ends exactly those.
#   scripts/slurm/local-cluster.sh start DIR    # prints: export SLURM_CONF=DIR/slurm.conf
#   scripts/slurm/local-cluster.sh stop DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command="${1:?usage: local-cluster.sh start|stop DIR}"
dir="${2:?usage: local-cluster.sh start|stop DIR}"

stop() {
    [ -f "$dir/pids" ] || return 0
    # Daemons in the reverse order of their start: the nodes, the controller, then munge.
    for pid in $(tac "$dir/pids"); do kill "$pid" 2>/dev/null || true; done
    for pid in $(tac "$dir/pids"); do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    rm -f "$dir/pids"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
    for program in munged slurmctld slurmd sbatch sinfo; do
        command -v "$program" >/dev/null 2>&1 || { echo "local-cluster: $program not found (install slurmctld slurmd slurm-client munge)" >&2; exit 3; }
    done
    [ "$(id -u)" -eq 0 ] || { echo "local-cluster: the daemons run as root (SlurmUser=root): run as root" >&2; exit 3; }
    mkdir -p "$dir/munge" "$dir/state" "$dir/spool/n1" "$dir/spool/n2"
    chmod 711 "$dir/munge"
    : > "$dir/pids"
    head -c 1024 /dev/urandom > "$dir/munge/munge.key"
    chmod 400 "$dir/munge/munge.key"
    munged --foreground --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
        --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed" > "$dir/munge/munged.stdout" 2>&1 &
    echo $! >> "$dir/pids"
    for _ in $(seq 50); do [ -S "$dir/munge/munge.socket" ] && break; sleep 0.1; done
    sed -e "s|@DIR@|$dir|g" -e "s|@CTLD_PORT@|$(free_port)|" -e "s|@N1_PORT@|$(free_port)|" -e "s|@N2_PORT@|$(free_port)|" \
        "$here/slurm.conf.template" > "$dir/slurm.conf"
    export SLURM_CONF="$dir/slurm.conf"
    slurmctld -D -i -f "$SLURM_CONF" > "$dir/slurmctld.stdout" 2>&1 &
    echo $! >> "$dir/pids"
    for node in n1 n2; do
        slurmd -D -N "$node" -f "$SLURM_CONF" > "$dir/slurmd-$node.stdout" 2>&1 &
        echo $! >> "$dir/pids"
    done
    # Ready when both nodes are idle.
    for _ in $(seq 120); do
        if [ "$(sinfo -h -N -o '%N %t' 2>/dev/null | grep -c ' idle')" -eq 2 ]; then
            echo "export SLURM_CONF=$SLURM_CONF"
            return 0
        fi
        sleep 0.5
    done
    echo "local-cluster: the nodes did not come up in 60 s; sinfo says:" >&2
    sinfo -N 2>&1 >&2 || true
    tail -n 5 "$dir"/*.log "$dir"/*.stdout >&2 || true
    stop
    exit 1
}

case "$command" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: local-cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
