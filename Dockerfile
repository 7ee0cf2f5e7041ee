# Funnel: the distribution (mvn -B package -DskipTests) in a small JRE image, run as a non-root user.
FROM eclipse-temurin:17-jre

RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system funnel && useradd --system --gid funnel --home-dir /opt/funnel funnel \
    && mkdir -p /opt/funnel/plugins /var/lib/funnel && chown -R funnel:funnel /opt/funnel /var/lib/funnel

COPY --chown=funnel:funnel app/target/dist/funnel.jar /opt/funnel/funnel.jar
COPY --chown=funnel:funnel app/target/dist/plugins/ /opt/funnel/plugins/

USER funnel
WORKDIR /opt/funnel
ENV FUNNEL_PORT=8080 \
    FUNNEL_SECRET_KEY_FILE=/var/lib/funnel/funnel-secret.key \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
# installed plugins, and the key the plugin secrets are sealed with (keep it: docs/operations.md)
VOLUME ["/opt/funnel/plugins", "/var/lib/funnel"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-jar", "/opt/funnel/funnel.jar"]
