"""SQLModel tables and their public schemas; importing this registers every table."""

from models.account import Account, AccountPublic, ApiToken, AuditEvent, Role
from models.election import Election, ElectionKabupaten, ElectionProvince, ElectionStage
from models.event import BaselineScore, PlannedEvent
from models.region import Kabupaten, KabupatenPublic, Province, ProvincePublic
from models.report import Report, ReportCreate, ReportDaily, ReportPublic, ReportUpdate
from models.snapshot import Alert, AlertDelivery, KecamatanSnapshot, RiskSnapshot, SnapshotRun  # noqa: F401

__all__ = [
    "Account",
    "AccountPublic",
    "ApiToken",
    "AuditEvent",
    "BaselineScore",
    "Election",
    "ElectionKabupaten",
    "ElectionProvince",
    "ElectionStage",
    "Kabupaten",
    "KabupatenPublic",
    "PlannedEvent",
    "Province",
    "ProvincePublic",
    "Report",
    "ReportCreate",
    "ReportDaily",
    "ReportPublic",
    "ReportUpdate",
    "Role",
]
