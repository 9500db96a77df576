# syntax=docker/dockerfile:1
# --- build stage: Maven + JDK 17 -------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# dependencies first, so code changes do not re-download them
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

# --- runtime stage: JRE only ----------------------------------------------------------------------
FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system spotlink \
    && useradd --system --gid spotlink --home-dir /app --shell /usr/sbin/nologin spotlink \
    && mkdir -p /data \
    && chown spotlink:spotlink /data
WORKDIR /app
COPY --from=build /src/target/spotlink.jar /app/spotlink.jar
COPY config.example.properties /app/config.example.properties

# AppCDS: one training start of this jar saves the classes it loads; every start maps them instead of loading
# them again (about half the start-up time). A missing or mismatched archive is ignored with a warning.
COPY src/main/docker/cds-training.sh /tmp/cds-training.sh
RUN sh /tmp/cds-training.sh /app/spotlink.jar /app/spotlink.jsa && rm /tmp/cds-training.sh

# database, key file and (optionally) config.properties live on the volume: back it up as a whole
ENV SPOTLINK_SERVER_HOST=0.0.0.0 \
    SPOTLINK_SERVER_PORT=8080 \
    SPOTLINK_DATABASE_URL=jdbc:sqlite:/data/spotlink.db \
    SPOTLINK_SECURITY_KEY_FILE=/data/spotlink.key \
    SPOTLINK_CONFIG=/data/config.properties
VOLUME ["/data"]
EXPOSE 8080
USER spotlink
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${SPOTLINK_SERVER_PORT}/health" || exit 1
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/spotlink.jsa", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/spotlink.jar"]
