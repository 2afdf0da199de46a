"""The intake bench's anchor: a plain FastAPI + SQLModel endpoint, one row per POST into SQLite.

Same JSON body as a Waspada report, SQLite in WAL mode with synchronous=FULL, and nothing
else: no authentication, idempotency, time zones, location or aggregates. `bench/ingest.py`
runs it in the same invocation as Waspada and prints Waspada's throughput as a ratio to it.

    .venv/bin/python bench/anchor.py --port 8765 --database /tmp/anchor.db
"""

from __future__ import annotations

import argparse
import uuid
from datetime import datetime

import uvicorn
from fastapi import FastAPI
from sqlalchemy import event
from sqlmodel import Field, Session, SQLModel, create_engine


class AnchorReportBase(SQLModel):
    kabupaten_kode: str
    occurred_at: datetime
    category: str
    severity: int
    title: str
    description: str = ""
    crowd_size: int | None = None


class AnchorReportCreate(AnchorReportBase):
    id: uuid.UUID


class AnchorReport(AnchorReportBase, table=True):
    id: uuid.UUID = Field(primary_key=True)


def build_app(database: str) -> FastAPI:
    """One POST route that validates the body and commits one row."""
    engine = create_engine(f"sqlite:///{database}", connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(connection, _record) -> None:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")

    SQLModel.metadata.create_all(engine)
    app = FastAPI()

    @app.post("/api/v1/reports", status_code=201)
    def create(report_in: AnchorReportCreate) -> AnchorReport:
        report = AnchorReport.model_validate(report_in)
        with Session(engine) as session:
            session.add(report)
            session.commit()
            session.refresh(report)
            return report

    @app.get("/api/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--database", required=True)
    args = parser.parse_args()
    uvicorn.run(build_app(args.database), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
