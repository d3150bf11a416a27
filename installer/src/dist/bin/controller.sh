#!/usr/bin/env bash
# Runs the Jobwerk Controller as a service: start | stop [--timeout=SECONDS] | abort | kill | restart | status
# (bin/internal/service.sh says what each does; config/controller.conf holds its options).
ROLE=controller
. "$(dirname "${BASH_SOURCE[0]}")/internal/service.sh"
