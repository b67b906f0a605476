# Image of the all-in-one service. Build the jar first: mvn -B -DskipTests package
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 wework
WORKDIR /opt/wework
COPY app/target/wework.jar wework.jar
USER wework
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/wework/wework.jar"]
