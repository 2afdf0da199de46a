"""The official region registry: provinces, kabupaten/kota, kecamatan, desa/kelurahan (Kemendagri codes)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field as PydanticField
from pydantic import StringConstraints
from sqlmodel import Field, SQLModel

# How clients write lower-level codes; core.regions.kecamatan turns either form into the dotted one.
KecamatanKode = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^\d{2}\.?\d{2}\.?\d{2}$"),
    PydanticField(description="Kemendagri code, '17.06.08' or '170608'", examples=["17.06.08"]),
]
DesaKode = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^\d{2}\.?\d{2}\.?\d{2}\.?\d{4}$"),
    PydanticField(description="Kemendagri code, '17.06.08.2001' or '1706082001'", examples=["17.06.08.2001"]),
]


class ProvinceBase(SQLModel):
    kode: str = Field(primary_key=True, max_length=2, description="Kemendagri code, e.g. '81'")
    nama: str = Field(max_length=100)
    timezone: str = Field(max_length=40, description="IANA zone, e.g. 'Asia/Jayapura'")
    zona: str = Field(max_length=4, description="WIB, WITA or WIT")
    luas_km2: float | None = None
    penduduk: int | None = None


class Province(ProvinceBase, table=True):
    __tablename__ = "province"


class ProvincePublic(ProvinceBase):
    kabupaten_count: int = 0


class KabupatenBase(SQLModel):
    kode: str = Field(primary_key=True, max_length=5, description="Kemendagri code, e.g. '81.02'")
    kode_prov: str = Field(foreign_key="province.kode", index=True, max_length=2)
    nama: str = Field(max_length=100)
    jenis: str = Field(max_length=10, description="Kabupaten or Kota")
    label_lat: float = Field(description="A point inside the largest part, for labels")
    label_lng: float
    luas_km2: float | None = None
    penduduk: int | None = None


class Kabupaten(KabupatenBase, table=True):
    __tablename__ = "kabupaten"


class KabupatenPublic(KabupatenBase):
    nama_prov: str
    timezone: str
    zona: str


class KecamatanBase(SQLModel):
    kode: str = Field(primary_key=True, max_length=8, description="Kemendagri code, e.g. '81.02.05'")
    kode_kab: str = Field(foreign_key="kabupaten.kode", index=True, max_length=5)
    nama: str = Field(max_length=100)
    label_lat: float = Field(description="A point inside the largest part, for labels")
    label_lng: float


class Kecamatan(KecamatanBase, table=True):
    __tablename__ = "kecamatan"

    search_name: str = Field(max_length=100, index=True, description="nama folded for search")


class KecamatanPublic(KecamatanBase):
    pass


class DesaBase(SQLModel):
    kode: str = Field(primary_key=True, max_length=13, description="Kemendagri code, e.g. '81.02.05.2001'")
    kode_kec: str = Field(foreign_key="kecamatan.kode", index=True, max_length=8)
    nama: str = Field(max_length=100)
    jenis: str = Field(max_length=10, description="desa or kelurahan")


class Desa(DesaBase, table=True):
    __tablename__ = "desa"

    search_name: str = Field(max_length=100, index=True, description="nama folded for search")


class DesaPublic(DesaBase):
    pass


class DesaEntry(SQLModel):
    """A desa/kelurahan as a picker lists it: its parent is the kecamatan it is listed under."""

    kode: str = Field(description="Kemendagri code, e.g. '81.02.05.2001'")
    nama: str
    jenis: str = Field(description="desa or kelurahan")


class KecamatanPlaces(SQLModel):
    """A kecamatan with its desa/kelurahan in code order."""

    kode: str = Field(description="Kemendagri code, e.g. '81.02.05'")
    nama: str
    desa: list[DesaEntry]


class KabupatenPlaces(SQLModel):
    """Every place below a kabupaten in one body, so a phone can keep it and pick offline."""

    kode: str = Field(description="Kemendagri code, e.g. '81.02'")
    nama: str
    kecamatan: list[KecamatanPlaces]


class RegionMatch(SQLModel):
    """One hit of the name search, with its parents' names so a picker can tell namesakes apart."""

    level: str = Field(description="kecamatan or desa")
    kode: str
    nama: str
    jenis: str | None = None
    kecamatan_kode: str
    kecamatan_nama: str
    kabupaten_kode: str
    kabupaten_nama: str
