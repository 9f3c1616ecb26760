#!/usr/bin/env bash
# Builds the web application (web/ → web/dist) for the server to serve at "/".
# `npm ci` runs only when node_modules is missing or older than package-lock.json; `npm run lint`
# (ESLint and Prettier) and `npm run build` only when web/dist is missing or older than a source or
# configuration file. A lint finding fails the set-up, as a type error does.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/web"

if ! command -v npm >/dev/null; then
  echo "setup: installing nodejs and npm"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "setup: npm ci in web/"
  npm ci --no-audit --no-fund --loglevel=error
fi
if [[ ! -f dist/index.html ]] ||
   [[ -n "$(find src public index.html vite.config.ts tsconfig*.json package.json package-lock.json \
      eslint.config.js .prettierrc.json .prettierignore scripts -newer dist/index.html -print -quit 2>/dev/null)" ]]; then
  echo "setup: linting web/"
  npm run lint --silent
  echo "setup: building web/dist"
  npm run build --silent
fi
