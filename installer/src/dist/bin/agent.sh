#!/usr/bin/env bash
# Runs the Jobwerk Agent as a service: start | stop [--timeout=SECONDS] | abort | kill | restart | status
# (bin/internal/service.sh says what each does; config/agent.conf holds its options).
ROLE=agent
. "$(dirname "${BASH_SOURCE[0]}")/internal/service.sh"
