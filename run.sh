#!/usr/bin/env bash
# QuanCheng quick start: install what is missing, build Release and the web application, create the
# data directory (with the demo when it is empty) and serve.   ./run.sh [--port N] [--data DIR] [--bind ADDR]
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"

port=8080
data=./data
bind=127.0.0.1
while (($#)); do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --bind) bind="$2"; shift 2 ;;
    -h|--help) sed -n '2,3p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (use --port, --data, --bind)" >&2; exit 2 ;;
  esac
done

scripts/setup.sh release
scripts/setup-web.sh

if [[ ! -s "$data/quancheng.db" ]]; then
  build/quancheng init --data "$data" --demo
fi

cat <<TXT

  QuanCheng（全程）: http://$bind:$port
  演示账号（密码均为 Demo@2026）：
    officer1   执法人员（第一执法队）    officer2   执法人员（第二执法队）
    reviewer1  审核人                    approver1  负责人（批准人）
    legal1     法制员                    custodian1 档案管理员
    admin      系统管理员

TXT
exec build/quancheng serve --data "$data" --port "$port" --bind "$bind"
