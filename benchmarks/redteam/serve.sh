#!/bin/bash
# usage: serve.sh DBNAME MODELSDIR LOG
export PYTHONPATH=${CODE:-/work/wt/redteam} ASSISTANT_TODAY=2026-03-15 ASSISTANT_DATA_DIR=/tmp/redteam/data
export ASSISTANT_DB_URL=postgresql://postgres@127.0.0.1:5432/$1 ASSISTANT_MODELS_DIR=$2
cd ${CODE:-/work/wt/redteam}
exec /work/main/.venv/bin/python -m assistant.cli serve --host 127.0.0.1 --port ${PORT:-8734} >> $3 2>&1
