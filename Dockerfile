# The alliancekg application (CLI and explorer). See docker-compose.yml.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY alliancekg ./alliancekg
COPY graph ./graph
COPY extractors ./extractors
COPY ontology ./ontology
COPY analytics ./analytics
COPY dashboard ./dashboard
RUN pip install .
COPY corpus ./corpus
RUN useradd --create-home --uid 10001 alliancekg && chown -R alliancekg /app
USER alliancekg
EXPOSE 8050
CMD ["alliancekg", "serve", "--host", "0.0.0.0", "--port", "8050"]
