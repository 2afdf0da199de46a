"""Streamed workbooks: one sheet with a bold, frozen header, zipped while it is sent (reports and snapshots).

The sheet's XML is written row by row with inline strings (no shared-string table to hold in
memory) and zipped by `stream_zip` as it goes, so the first bytes leave before the first data row
is read and memory stays flat however many rows follow. Zip32 rather than Zip64: Excel and
LibreOffice both open it, and a sheet of Excel's 1,048,576 rows stays under Zip32's 4 GiB unless
its rows average 4 KB.

Values: str (inline string, never a formula; characters XML cannot hold are dropped), bool,
int/float, date (a real date cell shown yyyy-mm-dd), None (no cell).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

from openpyxl.utils import get_column_letter
from stream_zip import ZIP_32, stream_zip

MAX_TITLE = 31  # Excel's limit for a sheet name
CHUNK_CHARS = 64 * 1024  # rows are joined into pieces of about this size before zipping
DEFLATE_LEVEL = 1  # the sheet is repetitive XML: level 1 is ~3x faster than 6 for ~25% more bytes
_EPOCH = date(1899, 12, 30)  # Excel's day 0 (with its 1900 leap-year bug folded in)
# Characters XML 1.0 cannot carry (openpyxl's ILLEGAL_CHARACTERS_RE plus the two non-characters).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPECIAL = re.compile(r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})  # \r survives parsing

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    "</Relationships>"
)
# Style 0: plain; 1: bold (the header); 2: a date shown yyyy-mm-dd.
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    "</sheetView></sheetViews><sheetData>"
)
_SHEET_END = "</sheetData></worksheet>"


def _workbook_xml(title: str) -> str:
    name = xml_text(title).replace('"', "&quot;")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def sheet_title(title: str) -> str:
    """A name Excel accepts: at most 31 characters, none of []:*?/\\ ."""
    return re.sub(r"[\[\]:*?/\\]", "-", title)[:MAX_TITLE] or "sheet"


def xml_text(value: str) -> str:
    """Text as XML holds it: markup escaped, a carriage return kept, illegal characters dropped."""
    if _SPECIAL.search(value) is None:
        return value
    return _ILLEGAL.sub("", value).translate(_ESCAPES)


def _cell(ref: str, value: Any, style: str = "") -> str:
    """One cell; '' for None (a missing cell reads as empty)."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = xml_text(value)
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"{style}><v>{value!r}</v></c>'
    if isinstance(value, date) and not isinstance(value, datetime):
        return f'<c r="{ref}" s="2"><v>{(value - _EPOCH).days}</v></c>'
    raise TypeError(f"a workbook cell cannot hold {type(value).__name__}")


def _sheet_xml(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    """The sheet's XML, a piece of about CHUNK_CHARS at a time, row after row as `rows` yields them."""
    letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
    header = "".join(_cell(f"{x}1", name, ' s="1"') for x, name in zip(letters, columns, strict=True))
    pending = [_SHEET_START, f'<row r="1">{header}</row>']
    size = 0
    for number, row in enumerate(rows, start=2):
        cells = "".join([_cell(f"{x}{number}", v) for x, v in zip(letters, row, strict=True)])
        line = f'<row r="{number}">{cells}</row>'
        pending.append(line)
        size += len(line)
        if size >= CHUNK_CHARS:
            yield "".join(pending).encode("utf-8")
            pending, size = [], 0
    pending.append(_SHEET_END)
    yield "".join(pending).encode("utf-8")


def stream_workbook(
    title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, now: datetime | None = None
) -> Iterator[bytes]:
    """An .xlsx of one sheet (bold frozen header, then `rows`), produced as it is consumed."""
    modified = now or datetime.now(UTC)
    small = (
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _ROOT_RELS),
        ("xl/workbook.xml", _workbook_xml(sheet_title(title))),
        ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
        ("xl/styles.xml", _STYLES),
    )
    members = [(name, modified, 0o644, ZIP_32, (text.encode("utf-8"),)) for name, text in small]
    members.append(("xl/worksheets/sheet1.xml", modified, 0o644, ZIP_32, _sheet_xml(columns, rows)))
    return iter(
        stream_zip(members, get_compressobj=lambda: zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -15))
    )


def workbook_bytes(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """The same workbook in one piece (for files small enough to build before sending)."""
    return b"".join(stream_workbook(title, columns, rows))
