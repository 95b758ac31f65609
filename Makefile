# Front door: one-line targets over ./mvnw and ./amends. `make` alone lists them.
.DEFAULT_GOAL := help
.PHONY: help fmt check test faults up down status bench

# The JDK 25 that ./amends picks ($JAVA_HOME when 25+, else temurin-25, else any /usr/lib/jvm/*25*).
JAVA_HOME := $(shell ./amends java-home 2>/dev/null)
export JAVA_HOME
MVNW = $(if $(JAVA_HOME),./mvnw,$(error no JDK 25 found: set JAVA_HOME to a JDK 25+))

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-7s %s\n", $$1, $$2}'

fmt: ## format the Java sources (spotless:apply)
	$(MVNW) spotless:apply

check: ## check formatting without changing files (spotless:check)
	$(MVNW) -B spotless:check

test: ## build and run every unit and integration test (verify)
	$(MVNW) -B verify

faults: ## the long fault suite: kills, cuts, real RabbitMQ stop and PostgreSQL restart
	./amends faults

up: ## start infrastructure, Keycloak and the services (./amends up)
	./amends up

down: ## stop what ./amends up started
	./amends down

status: ## show every part with UP/DOWN, port and pid
	./amends status

bench: ## the load benchmark through the gateway, beside the machine's limits (./amends bench)
	./amends bench
