FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# fonts-noto-cjk: Hangul in the browser and in the meeting pack PDF / map PNG, which embed its
# Korean face from /usr/share/fonts/opentype/noto/NotoSansCJK-*.ttc (pages/components/pdfmap.py).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY loaders ./loaders
COPY queries ./queries
COPY resolution ./resolution
COPY synth ./synth
COPY derived ./derived
COPY auth ./auth
COPY pages ./pages
COPY cli ./cli
COPY values ./values
COPY risk ./risk
COPY suggest ./suggest
COPY app.py ./
COPY assets ./assets
RUN pip install --no-cache-dir .
RUN useradd --create-home jss && mkdir -p /var/lib/jss && chown jss /var/lib/jss
USER jss
EXPOSE 8050
CMD ["gunicorn", "--workers", "2", "--threads", "4", "--bind", "0.0.0.0:8050", "app:server"]
