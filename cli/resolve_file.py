"""`jss resolve-file IN.csv --out OUT.csv`: resolve a plain CSV of person records."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("resolve-file")
@click.argument("src", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the CSV with the added cluster_id column (UTF-8 with BOM).")
@click.option("--explain-model", is_flag=True,
              help="Also print the model fitted to this file (m, u and weight per level, λ, thresholds).")
@click.option("--lang", type=click.Choice(["ko", "en"]), default="ko", show_default=True,
              help="Language of --explain-model's labels.")
def command(src: Path, out: Path, explain_model: bool, lang: str) -> None:
    """CSV의 사람 기록을 식별해 cluster_id 열을 붙입니다 (no database needed).

    Columns name, birth_date, sex, phone, address (or 성명, 생년월일, 성별, 연락처, 주소); any may be
    empty. UTF-8 or CP949.
    """
    from resolution.csvfile import resolve_file
    from resolution.model import explain

    s = resolve_file(src, out)
    click.echo(f"{s['rows']}행 → {s['clusters']}명 ({s['encoding']}); 결과: {out}")
    if explain_model and s["model"] is not None:
        for line in explain(s["model"], lang):
            click.echo(line)
