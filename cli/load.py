"""`jss load DIR`: load one agency export bundle into the graph (docs/loading.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph.errors import DatabaseUnavailable
from graph.runner import Runner
from graph.settings import load_settings
from loaders.bundle import LoadResult, load_bundle
from loaders.report import summary_table
from loaders.rollback import rollback

_SHOW_REJECTS = 30


@click.command("load")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--rejects", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the rejects CSV (file,row,column,value,reason). "
                   "Default: DIR/rejects-<load_id>.csv.")
@click.option("--dry-run", is_flag=True, help="Read and validate only: print the summary and the rejects, "
              "write nothing to the graph.")
@click.option("--rollback", "rollback_id", metavar="LOAD_ID", default=None,
              help="Delete the nodes and relationships that load LOAD_ID created (see docs/loading.md).")
@click.option("--batch-size", type=int, default=None, help="Rows per write transaction (default JSS_BATCH_SIZE).")
@click.option("--no-resolution", is_flag=True, help="Do not run entity resolution after the load.")
@click.option("--bulk", is_flag=True, help="First load of an EMPTY local database: validate as usual, then "
              "write the graph with Neo4j's offline import tool (stops and restarts the local server). "
              "Refused when the database holds any data.")
def command(directory: Path | None, rejects: Path | None, dry_run: bool, rollback_id: str | None,
            batch_size: int | None, no_resolution: bool, bulk: bool) -> None:
    """Load the export bundle in DIRECTORY (data contract v1): validate every file first, write
    nothing if a file cannot be read, reject bad rows into a rejects file, MERGE the rest.
    Loading the same bundle again changes nothing; an interrupted load completes when re-run."""
    settings = load_settings()
    if rollback_id:
        with Runner(settings) as runner:
            res = rollback(runner, rollback_id)
        click.echo(f"롤백 {res.load_id}: 노드 {res.nodes_deleted}개, 관계 {res.relationships_deleted}개 삭제 "
                   f"(nodes, relationships deleted)")
        click.echo(f"패턴 요약 (pattern summaries): {res.summaries}")
        if res.touched_later:
            click.secho(f"주의: 삭제한 노드 중 {res.touched_later}개는 이후 적재에서도 쓰였습니다 "
                        "(later loads had also written these nodes)", fg="yellow", err=True)
        _fail_on_stale_summaries(res.summaries)
        return
    if directory is None:
        raise click.UsageError("DIRECTORY is required unless --rollback is given")
    runner = Runner(settings)
    risk_lines: list[str] = []
    suggest_line = ""
    try:
        if dry_run:
            try:
                runner.ping()
            except DatabaseUnavailable:
                click.secho("Neo4j에 연결할 수 없어 번들 안에서만 참조를 확인합니다 "
                            "(database unavailable: references checked within the bundle only)",
                            fg="yellow", err=True)
                runner.close()
                runner = None
        if bulk and not dry_run:
            from loaders.bulk import bulk_load

            result = bulk_load(directory, runner, rejects=rejects, stream=sys.stderr,
                               run_resolution=not no_resolution, echo=lambda *_: None)
        else:
            result = load_bundle(directory, runner, rejects=rejects, dry_run=dry_run,
                                 batch_size=batch_size or settings.batch_size, stream=sys.stderr,
                                 run_resolution=not no_resolution)
        if not dry_run and result.resolution == "ran":
            from suggest.run import follow_load

            followed = follow_load(runner, settings, result.load_id)
            risk_lines, suggest_line = followed.risk_lines, followed.suggest_line
    finally:
        if runner is not None:
            runner.close()
    _print(result)
    for line in risk_lines:
        click.echo(f"위험 모델·점수 (risk model, scores): {line}")
    if suggest_line:
        click.echo(f"협의회 안건 제안 (agenda suggestions): {suggest_line}")
    if result.resolution.startswith("failed"):
        raise click.ClickException(f"적재는 완료되었으나 개체 해석이 실패했습니다 (load complete, entity "
                                   f"resolution failed): {result.resolution}")
    _fail_on_stale_summaries(result.summaries)


def _fail_on_stale_summaries(status: str) -> None:
    """The data are written, but the pattern pages would show the previous state: say so, exit 1."""
    if status.startswith("failed"):
        raise click.ClickException(f"패턴 요약을 갱신하지 못했습니다; `jss summaries`로 다시 실행하세요 "
                                   f"(pattern summaries not refreshed; run `jss summaries`): {status}")


def _print(result: LoadResult) -> None:
    head = "검증만 함 (dry run)" if result.dry_run else "적재 완료 (load complete)"
    click.echo(f"{head}: {result.bundle}  load_id={result.load_id}")
    click.echo(summary_table(result.stats, dry_run=result.dry_run))
    rate = result.rows_read / result.seconds if result.seconds else 0.0
    click.echo(f"{result.rows_read} rows in {result.seconds:.1f} s ({rate:,.0f} rows/s); "
               f"rejected {result.rows_rejected}")
    if result.ignored_files:
        click.echo(f"무시한 파일 (ignored files): {', '.join(result.ignored_files)}")
    for s in result.stats:
        if s.ignored_columns:
            click.echo(f"{s.file}: 무시한 열 (ignored columns): {', '.join(s.ignored_columns)}")
    if result.rejects_path is not None:
        click.echo(f"거부 목록 (rejects): {result.rejects_path}")
    if result.dry_run:
        for p in result.problems[:_SHOW_REJECTS]:
            click.echo(f"  {p.file} {p.row}행 {p.column}: {p.reason} [{p.value}]")
        if len(result.problems) > _SHOW_REJECTS:
            click.echo(f"  … {len(result.problems) - _SHOW_REJECTS} more (use --rejects FILE for all)")
    if not result.dry_run:
        click.echo(f"개체 해석 (entity resolution): {result.resolution}")
        click.echo(f"패턴 요약 (pattern summaries): {result.summaries}")
    timings = getattr(result, "timings", None)
    if timings:                                  # --bulk: where the time went
        click.echo("단계 (stages): " + ", ".join(f"{k.removesuffix('_s')} {v:,.1f} s" for k, v in timings.items()))
    click.echo(peak_memory())


def peak_memory() -> str:
    """This process's peak resident memory, and the largest child's (in --bulk: neo4j-admin import
    or offline resolution, whichever is larger): the loader streams, so the first should stay flat
    as bundles grow."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024        # Linux: kilobytes
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    text = f"최대 메모리 (peak RSS): loader {own:,.0f} MB"
    return text + (f"; largest child process {child:,.0f} MB" if child else "")
