"""Who a spreadsheet import creates reports as, and for which kabupaten.

The one authorization difference from the API: an analyst may import a spreadsheet for
any kabupaten of their own province (the API lets only officers and admins create
reports). `import_scope` grants exactly that by handing intake a `ProvinceImporter`; intake
still checks every row with `can_create_report`, so nothing outside the province passes,
and the analyst's own Principal is never changed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlmodel import Session, select

from core.accounts.service import Principal, principal_of
from core.errors import Forbidden, UnknownKabupaten
from core.regions.service import existing_kabupaten, normalize_kabupaten_kode, province_of
from models.account import Account, Role


@dataclass(frozen=True)
class ProvinceImporter(Principal):
    """An analyst importing a province's spreadsheet may create reports anywhere in that province."""

    def can_create_report(self, kabupaten_kode: str) -> bool:
        """Only kabupaten of the analyst's own province."""
        return province_of(kabupaten_kode) == self.provinsi_kode


def import_scope(
    *, session: Session, account: Principal, kabupaten: str | None
) -> tuple[Principal, str | None]:
    """Who creates the rows and for which kabupaten: officers their own, analysts their province."""
    kode = normalize_kabupaten_kode(kabupaten, "kabupaten") if kabupaten else None
    if kode and not existing_kabupaten(session=session, kodes={kode}):
        raise UnknownKabupaten(kode, "kabupaten")
    session.rollback()
    if account.role is Role.OFFICER:
        if kode and kode != account.kabupaten_kode:
            raise Forbidden(f"you may not import reports for kabupaten {kode}")
        return account, account.kabupaten_kode
    if account.role is Role.ANALYST:
        if kode and province_of(kode) != account.provinsi_kode:
            raise Forbidden(f"you may not import reports for kabupaten {kode}")
        return ProvinceImporter(**asdict(account)), kode
    return account, kode


def import_account(*, session: Session, name: str) -> Principal:
    """The account a command-line import is recorded under (a new name: a token-less admin)."""
    account = session.exec(select(Account).where(Account.username == name)).first()
    if account is None:
        account = Account(username=name, role=Role.ADMIN)
        session.add(account)
        session.commit()
        session.refresh(account)
    return principal_of(account)
