"""The background risk refresh (queries.db) survives any failure and tries again later."""

from __future__ import annotations

import time

import pytest

from queries import db as data


@pytest.mark.parametrize("error", [BufferError("Existing exports of data"), RuntimeError("driver")])
def test_a_failed_refresh_clears_running_and_retries_within_a_minute(monkeypatch: pytest.MonkeyPatch,
                                                                    error: Exception) -> None:
    from queries import risk

    def fail(_runner: object) -> list:
        raise error

    monkeypatch.setattr(risk, "score_victims", fail)
    monkeypatch.setattr(data, "get_runner", lambda: object())
    monkeypatch.setattr(data, "_risk", {"at": -1e9, "by_person": {"kept": 1}, "running": True})
    data._refresh_risk()  # noqa: SLF001 - the thread's body, run here
    assert data._risk["running"] is False  # noqa: SLF001
    assert data._risk["by_person"] == {"kept": 1}  # noqa: SLF001 - the last scores stay
    # The next try is due a minute from now, not a whole RISK_TTL_S.
    due = data._risk["at"] + data.RISK_TTL_S  # noqa: SLF001
    assert time.monotonic() + 50 < due < time.monotonic() + 70


def test_a_graph_change_during_a_refresh_makes_its_scores_due_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from queries import risk

    monkeypatch.setattr(data, "get_runner", lambda: object())
    monkeypatch.setattr(data, "_risk", {"at": -1e9, "by_person": {}, "running": True, "stale": False})

    def score_while_the_graph_changes(_runner: object) -> list:
        data.refresh_risk_now()          # the app noticed a load while this refresh was reading
        return []

    monkeypatch.setattr(risk, "score_victims", score_while_the_graph_changes)
    data._refresh_risk()  # noqa: SLF001 - the thread's body, run here
    assert data._risk["running"] is False and data._risk["stale"] is False  # noqa: SLF001
    assert data._risk["at"] == -1e9      # due at the next call, not RISK_TTL_S from now  # noqa: SLF001

    data._refresh_risk()  # noqa: SLF001 - a refresh with no change during it
    assert data._risk["at"] > time.monotonic() - 5  # noqa: SLF001
