"""The official region registry: 38 provinces and 514 kabupaten/kota (Kemendagri codes)."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


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
