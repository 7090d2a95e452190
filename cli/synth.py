"""`jss synth`: write a synthetic export bundle with ground truth (docs/synthetic-data.md)."""

from __future__ import annotations

import time
from pathlib import Path

import click

from graph.errors import JSSError


@click.command("synth")
@click.option("--preset", type=click.Choice(["jeju", "national"]), default="jeju", show_default=True,
              help="jeju: two years of Jeju (the source article's figures); national: five years at national volume.")
@click.option("--seed", type=int, default=42, show_default=True, help="Same seed, same bytes.")
@click.option("--scale", type=float, default=1.0, show_default=True, help="Multiplies every volume.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Bundle folder to write (ground truth goes to OUT/_truth/).")
@click.option("--monthly", "monthly", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also cut the bundle into consecutive monthly bundles MONTHLY/YYYY-MM/ (each row in the "
                   "month of its event; loaders/monthly.py), to load one after another.")
def command(preset: str, seed: int, scale: float, out: Path, monthly: Path | None) -> None:
    """합성 기관 제출 번들과 정답(ground truth)을 생성합니다 / Generate a synthetic export bundle."""
    # not `from synth import`: a stale editable install may resolve `synth` as a namespace package
    from synth.build import generate

    if scale <= 0:
        raise JSSError("--scale 값은 0보다 커야 합니다 (scale must be positive)")
    started = time.perf_counter()
    try:
        manifest = generate(preset, out, seed=seed, scale=scale,
                            progress=lambda msg: click.echo(f"  {msg}", err=True))
    except OSError as exc:
        raise JSSError(f"번들을 쓸 수 없습니다 (cannot write bundle): {out}: {exc.strerror}") from exc
    counts = manifest["counts"]
    click.echo(f"{out}: " + ", ".join(f"{f} {c['rows']:,}" for f, c in counts.items())
               + f" ({time.perf_counter() - started:.1f}s)")
    yoy = manifest.get("year_on_year") or {}
    if yoy:
        click.echo(f"  year on year {yoy['years'][0]}→{yoy['years'][1]}: police referrals "
                   f"{yoy['police_to_partner_referrals_pct']:+}%, violence-against-women calls "
                   f"{yoy['violence_against_women_calls_pct']:+}%")
    if monthly is not None:
        from loaders.monthly import cut_monthly

        try:
            months = cut_monthly(out, monthly)
        except (OSError, ValueError) as exc:
            raise JSSError(f"월별 번들로 나눌 수 없습니다 (cannot cut into monthly bundles): {exc}") from exc
        click.echo(f"{monthly}: {len(months)} monthly bundles, {months[0].name} to {months[-1].name}")
