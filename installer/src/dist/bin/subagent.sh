#!/usr/bin/env bash
# Runs the Jobwerk Subagent as a service: start | stop [--timeout=SECONDS] | abort | kill | restart | status
# (bin/internal/service.sh says what each does; config/subagent.conf holds its options).
ROLE=subagent
. "$(dirname "${BASH_SOURCE[0]}")/internal/service.sh"
