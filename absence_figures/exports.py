"""The Analyse view as CSV or XLSX: the same tables as on the page, one after another."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from .analysis import Analysis, Cell


def _text(value: Cell) -> str:
    if value is None:
        return ""
    return str(value)


def analysis_csv(analysis: Analysis) -> str:
    """Return every table as CSV (semicolon-separated, as Dutch spreadsheets expect)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([analysis.scope_label])
    for table in analysis.tables:
        writer.writerow([])
        writer.writerow([table.title])
        writer.writerow(table.headers)
        for row in table.rows:
            writer.writerow(
                [
                    _text(cell).replace(".", ",") if isinstance(cell, Decimal) else _text(cell)
                    for cell in row
                ]
            )
        if table.note:
            writer.writerow([table.note])
    return buffer.getvalue()


def _sheet_title(text: str, used: set[str]) -> str:
    title = "".join(c for c in text if c not in "[]:*?/\\")[:28] or "Blad"
    candidate, n = title, 2
    while candidate in used:
        candidate, n = f"{title[:26]} {n}", n + 1
    used.add(candidate)
    return candidate


def analysis_xlsx(analysis: Analysis) -> bytes:
    """Return an XLSX workbook with one sheet per table, numbers as numbers."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in analysis.tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        sheet.append([analysis.scope_label])
        sheet.append([table.title])
        sheet.append(table.headers)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([float(c) if isinstance(c, Decimal) else c for c in row])
        if table.note:
            sheet.append([])
            sheet.append([table.note])
        for column in sheet.columns:
            width = max(len(_text(c.value)) for c in column[2:]) if len(column) > 2 else 10
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
