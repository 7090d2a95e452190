"""Regenerate the settings table in docs/settings.md from graph/settings.py."""

from pathlib import Path

from cli.settings_cmd import settings_markdown

DOC = Path(__file__).resolve().parent.parent / "docs" / "settings.md"
START, END = "<!-- settings:start -->", "<!-- settings:end -->"

text = DOC.read_text(encoding="utf-8")
head, rest = text.split(START, 1)
_, tail = rest.split(END, 1)
DOC.write_text(f"{head}{START}\n{settings_markdown()}\n{END}{tail}", encoding="utf-8")
print(f"updated {DOC}")
