# The hub's container: the distribution (mvn -B package → target/budstikke-<version>.tar.gz) on a
# Java 17 runtime, as a non-root user, with a read-only root file system. Build and run:
#   mvn -B -DskipTests package
#   docker build --build-arg VERSION=0.1.0-SNAPSHOT -t budstikke .
#   docker run --read-only --tmpfs /tmp -v budstikke-data:/var/lib/budstikke -p 8080:8080 budstikke
# What it needs at run time (docs/deployment.md): a config folder at /etc/budstikke (the image ships
# the embedded default's), a writable data folder at /var/lib/budstikke, and /tmp.
FROM eclipse-temurin:17-jre
ARG VERSION
RUN groupadd --system --gid 10001 budstikke \
 && useradd --system --uid 10001 --gid budstikke --home-dir /var/lib/budstikke --shell /usr/sbin/nologin budstikke \
 && install -d -o budstikke -g budstikke -m 0750 /var/lib/budstikke
ADD target/budstikke-${VERSION}.tar.gz /opt/
RUN mv /opt/budstikke-${VERSION} /opt/budstikke && cp -r /opt/budstikke/config /etc/budstikke
ENV BUDSTIKKE_CONFIG_DIR=/etc/budstikke \
    BUDSTIKKE_DATA_DIR=/var/lib/budstikke \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp"
USER 10001:10001
WORKDIR /var/lib/budstikke
VOLUME ["/var/lib/budstikke"]
# 8080: intake and the ops API; 8081: health and metrics (probes), on loopback unless
# BUDSTIKKE_MANAGEMENT_HOST=0.0.0.0 (deploy/ sets it; docs/deployment.md).
EXPOSE 8080 8081
ENTRYPOINT ["/opt/budstikke/bin/budstikke"]
