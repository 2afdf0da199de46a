"""The demo season's prose: report titles and sentences, rumours, demands, venues (Indonesian).

A catalogue and nothing else: the generator (seeds.demo.words, seeds.demo.generate) fills
the `{placeholders}` from seeds.demo.words.Words.
"""

from __future__ import annotations

from models.report import Category

C = Category

TOPICS_BEFORE_VOTING = (
    "DPT berisi pemilih fiktif",
    "penundaan pemungutan suara",
    "diskualifikasi salah satu pasangan calon",
    "pengerahan massa dari luar daerah",
    "aparat memihak salah satu calon",
    "calon memakai ijazah palsu",
    "pembagian uang besar-besaran oleh tim pemenangan",
    "surat suara sudah tercoblos",
)
TOPICS_FROM_VOTING_DAY = (
    "kotak suara dibawa kabur",
    "kecurangan dalam aplikasi Sirekap",
    "penggelembungan suara saat rekapitulasi",
    "aparat memihak salah satu calon",
    "pengerahan massa dari luar daerah",
    "pemungutan suara ulang di banyak TPS",
)


TITLES: dict[Category, tuple[str, ...]] = {
    C.KERUMUNAN_MASSA: (
        "Massa pendukung {paslon} berkumpul di {lokasi}, {tempat}",
        "Kerumunan warga di {lokasi}, {tempat}",
        "Konvoi simpatisan {paslon} memadati jalan di {tempat}",
        "Pengumpulan massa tanpa pemberitahuan di {tempat}",
        "Massa berkumpul di {lokasi} terkait {pemilihan}",
    ),
    C.UNJUK_RASA: (
        "Unjuk rasa terkait {tuntutan} di {tempat}",
        "Aksi {kelompok} di depan kantor {penyelenggara} {kabupaten}",
        "Demonstrasi menuntut {tuntutan} di {tempat}",
        "Massa {kelompok} menggelar aksi di {lokasi}, {tempat}",
    ),
    C.KAMPANYE: (
        "Kampanye tatap muka {paslon} di {lokasi}, {tempat}",
        "Kampanye di luar jadwal oleh tim {paslon} di {tempat}",
        "Kampanye melibatkan anak-anak di {tempat}",
        "Pertemuan terbatas {paslon} di {tempat}",
        "Dugaan kampanye di tempat ibadah di {tempat}",
        "Penggunaan fasilitas pemerintah untuk kampanye di {tempat}",
    ),
    C.PERUSAKAN_APK: (
        "Baliho {paslon} dirusak orang tak dikenal di {tempat}",
        "Alat peraga kampanye dicopot paksa di {lokasi}, {tempat}",
        "Spanduk calon {pemilihan} dibakar di {tempat}",
        "APK dipasang di fasilitas umum di {tempat}",
        "Puluhan APK {paslon} hilang di {tempat}",
    ),
    C.POLITIK_UANG: (
        "Dugaan pembagian uang oleh tim {paslon} di {tempat}",
        "Pembagian sembako bergambar calon di {tempat}",
        "Warga diiming-imingi uang untuk memilih {paslon} di {tempat}",
        "Dugaan politik uang dalam pertemuan warga di {tempat}",
    ),
    C.NETRALITAS_ASN: (
        "ASN diduga ikut kampanye {paslon} di {tempat}",
        "Kepala desa mengarahkan warga memilih {paslon} di {tempat}",
        "Camat hadir dalam kegiatan tim pemenangan di {tempat}",
        "Foto ASN berpose dengan simbol dukungan calon beredar di {tempat}",
        "Perangkat desa membagikan atribut {paslon} di {tempat}",
    ),
    C.ISU_TIDAK_JELAS: (
        "Beredar kabar {topik} di {tempat}",
        "Isu {topik} meresahkan warga {tempat}",
        "Kabar simpang siur soal {topik} di {tempat}",
        "Beredar kabar akan ada pengerahan massa di {tempat}",
    ),
    C.HOAKS: (
        "Hoaks {topik} beredar di grup WhatsApp warga {tempat}",
        "Video lama disebarkan sebagai bukti {topik}",
        "Akun media sosial menyebarkan informasi palsu soal {topik}",
        "Pesan berantai tentang {topik} beredar di {tempat}",
    ),
    C.UJARAN_KEBENCIAN_SARA: (
        "Ujaran kebencian bernuansa SARA terhadap {paslon} di media sosial",
        "Selebaran bernada SARA ditemukan di {tempat}",
        "Ceramah bermuatan kebencian terhadap kelompok tertentu di {tempat}",
        "Spanduk provokatif bernuansa SARA dipasang di {tempat}",
    ),
    C.INTIMIDASI: (
        "Warga diintimidasi agar memilih {paslon} di {tempat}",
        "Saksi {paslon} diancam orang tak dikenal di {tempat}",
        "Penyelenggara pemilu menerima ancaman di {tempat}",
        "Rumah tim pemenangan {paslon} didatangi sekelompok orang di {tempat}",
    ),
    C.BENTROKAN: (
        "Bentrokan antarpendukung pasangan calon di {tempat}",
        "Massa {paslon} dan massa lawan saling lempar di {tempat}",
        "Bentrok warga dan aparat di {lokasi}, {tempat}",
        "Keributan antarkelompok pemuda terkait {pemilihan} di {tempat}",
    ),
    C.KEKERASAN: (
        "Pendukung {paslon} dianiaya di {tempat}",
        "Penyerangan posko pemenangan {paslon} di {tempat}",
        "Pembakaran rumah warga terkait {pemilihan} di {tempat}",
        "Petugas pemilu dianiaya di {tempat}",
    ),
    C.LAINNYA: (
        "Logistik pemilihan terlambat tiba di {tempat}",
        "Banjir menggenangi jalan menuju lokasi TPS di {tempat}",
        "Pemadaman listrik saat kegiatan penyelenggara pemilu di {tempat}",
        "Laporan situasi umum dari {tempat}",
        "Akses jalan ke gudang logistik KPU rusak di {tempat}",
    ),
}

PHASE_TITLES: dict[tuple[Category, str], tuple[str, ...]] = {
    (C.KERUMUNAN_MASSA, "pendaftaran"): (
        "Arak-arakan pendukung bakal calon menuju kantor KPU {kabupaten}",
    ),
    (C.KERUMUNAN_MASSA, "tenang"): (
        "Warga berkumpul di rumah tim pemenangan {paslon} pada masa tenang, {tempat}",
    ),
    (C.KERUMUNAN_MASSA, "pemungutan"): ("Kerumunan warga di sekitar TPS {tps}, {tempat}",),
    (C.KERUMUNAN_MASSA, "rekap"): (
        "Massa mengawal rekapitulasi suara {pemilihan} di {tempat}",
    ),
    (C.KAMPANYE, "pra"): (
        "Sosialisasi bakal calon {pemilihan} sebelum masa kampanye di {tempat}",
    ),
    (C.KAMPANYE, "tenang"): ("Dugaan kampanye pada masa tenang di {tempat}",),
    (C.KAMPANYE, "pemungutan"): ("Ajakan memilih {paslon} di sekitar TPS {tps}, {tempat}",),
    (C.POLITIK_UANG, "tenang"): (
        "Dugaan serangan fajar di {tempat}",
        "Warga menerima amplop menjelang pemungutan suara di {tempat}",
    ),
    (C.POLITIK_UANG, "pemungutan"): ("Dugaan serangan fajar di {tempat}",),
    (C.KEKERASAN, "pemungutan"): ("Kotak suara dirampas dan dibakar di {tempat}",),
    (C.KEKERASAN, "rekap"): ("Kantor {penyelenggara} {kabupaten} diserang massa",),
    (C.LAINNYA, "pemungutan"): (
        "Surat suara kurang di TPS {tps}, {tempat}",
        "Pemungutan suara di TPS {tps} tertunda, {tempat}",
    ),
}  # fmt: skip

OPENERS: dict[Category, tuple[str, ...]] = {
    C.KERUMUNAN_MASSA: (
        "Sekitar {jumlah} berkumpul di {lokasi} sejak {waktu} hari.",
        "Pelapor melihat sekitar {jumlah} memadati {lokasi}.",
        "Massa yang sebagian besar mengenakan atribut {paslon} terlihat di {lokasi}.",
    ),
    C.UNJUK_RASA: (
        "Sekitar {jumlah} dari kalangan {kelompok} menggelar aksi di {lokasi}.",
        "Aksi dengan tuntutan {tuntutan} berlangsung sejak {waktu} hari.",
        "Massa aksi berorasi secara bergantian di {lokasi}.",
    ),
    C.KAMPANYE: (
        "Kegiatan kampanye {paslon} untuk {pemilihan} dihadiri sekitar {jumlah}.",
        "Tim pemenangan {paslon} menggelar kegiatan di {lokasi} pada {waktu} hari.",
        "Panwascam menerima laporan kegiatan kampanye di {lokasi}.",
    ),
    C.PERUSAKAN_APK: (
        "Sebanyak {apk} baliho dan spanduk ditemukan rusak pada {waktu} hari.",
        "Warga melaporkan APK {paslon} di {lokasi} disobek dan dicoret.",
        "Tim pemenangan {paslon} melaporkan perusakan APK di {lokasi}.",
    ),
    C.POLITIK_UANG: (
        "Warga melaporkan pembagian amplop berisi Rp{nominal} per orang.",
        "Pembagian dilakukan dari rumah ke rumah pada {waktu} hari.",
        "Pelapor menyebut penerima diminta menunjukkan KTP dan berjanji memilih {paslon}.",
    ),
    C.NETRALITAS_ASN: (
        "Seorang ASN Pemerintah {kabupaten} terlihat di kegiatan {paslon}.",
        "Foto dan video kegiatan tersebut beredar di media sosial.",
        "Kejadian berlangsung pada {waktu} hari di {lokasi}.",
    ),
    C.ISU_TIDAK_JELAS: (
        "Kabar tersebut beredar dari mulut ke mulut dan di grup percakapan warga.",
        "Sumber kabar tentang {topik} belum dapat dipastikan.",
        "Warga menanyakan kebenaran kabar tersebut ke posko FKDM.",
    ),
    C.HOAKS: (
        "Informasi tentang {topik} telah dibantah oleh KPU {kabupaten}.",
        "Pesan berantai itu dibagikan ratusan kali dalam sehari.",
        "Tangkapan layar unggahan tersebut dilampirkan pelapor.",
    ),
    C.UJARAN_KEBENCIAN_SARA: (
        "Konten tersebut menyerang latar belakang suku dan agama pasangan calon.",
        "Selebaran ditemukan warga di {lokasi} pada {waktu} hari.",
        "Unggahan tersebut memicu saling balas komentar antarpendukung.",
    ),
    C.INTIMIDASI: (
        "Korban mengaku didatangi {orang} orang pada {waktu} hari.",
        "Ancaman disampaikan melalui pesan singkat dan telepon.",
        "Kejadian berlangsung di {lokasi}.",
    ),
    C.BENTROKAN: (
        "Bentrokan melibatkan sekitar {jumlah} dan berlangsung kurang lebih satu jam.",
        "Kedua kelompok saling lempar batu di {lokasi}.",
        "Keributan bermula dari saling ejek antarpendukung pada {waktu} hari.",
    ),
    C.KEKERASAN: (
        "Korban mengalami luka dan dibawa ke puskesmas terdekat.",
        "Penyerangan terjadi pada {waktu} hari di {lokasi}.",
        "Pelaku diduga berjumlah {orang} orang.",
    ),
    C.LAINNYA: (
        "Situasi secara umum aman dan kondusif.",
        "Petugas sedang berkoordinasi dengan KPU {kabupaten}.",
        "Kejadian dilaporkan pada {waktu} hari.",
    ),
}

DETAILS: dict[Category, tuple[str, ...]] = {
    C.KERUMUNAN_MASSA: (
        "Massa datang menggunakan sepeda motor dan mobil bak terbuka; lalu lintas tersendat.",
        "Belum ada gesekan, tetapi jumlah massa terus bertambah.",
        "Kegiatan tersebut tidak diberitahukan kepada kepolisian.",
    ),
    C.UNJUK_RASA: (
        "Massa membentangkan spanduk dan membakar ban bekas.",
        "Perwakilan massa diterima untuk berdialog.",
        "Aksi sempat diwarnai saling dorong dengan petugas pengamanan.",
        "Jalan di sekitar lokasi ditutup sementara.",
    ),
    C.KAMPANYE: (
        "Kegiatan tersebut tidak tercantum dalam jadwal yang disampaikan ke KPU.",
        "Peserta membawa bendera dan atribut pasangan calon.",
        "Pelapor menyertakan foto dan video kegiatan.",
    ),
    C.PERUSAKAN_APK: (
        "Pelaku belum diketahui.",
        "Satpol PP telah menertibkan APK yang melanggar aturan pemasangan.",
        "Tim pemenangan menuding pendukung pasangan calon lain.",
    ),
    C.POLITIK_UANG: (
        "Bawaslu {kabupaten} sedang menelusuri laporan ini.",
        "Barang bukti berupa amplop dan stiker calon diamankan.",
        "Pelapor meminta identitasnya dirahasiakan.",
    ),
    C.NETRALITAS_ASN: (
        "Bawaslu telah meneruskan laporan ke BKN.",
        "Yang bersangkutan membantah terlibat kampanye.",
        "Warga menilai hal ini menekan pilihan mereka.",
    ),
    C.ISU_TIDAK_JELAS: (
        "Tokoh masyarakat diminta membantu menenangkan warga.",
        "Aparat desa belum menerima informasi resmi.",
    ),
    C.HOAKS: (
        "Diskominfo telah mengajukan penurunan konten.",
        "Sebagian warga sudah terlanjur mempercayai kabar tersebut.",
    ),
    C.UJARAN_KEBENCIAN_SARA: (
        "Tokoh agama setempat mengimbau warga tidak terprovokasi.",
        "Polres telah menerima laporan dan menelusuri pembuatnya.",
    ),
    C.INTIMIDASI: (
        "Korban telah melapor ke Polsek setempat.",
        "Warga merasa takut datang ke TPS.",
        "Bawaslu meminta aparat memberikan perlindungan kepada pelapor.",
    ),
    C.BENTROKAN: (
        "Beberapa orang mengalami luka ringan.",
        "Aparat gabungan TNI-Polri membubarkan massa.",
        "Sejumlah kendaraan rusak.",
    ),
    C.KEKERASAN: (
        "Polres telah mengamankan beberapa terduga pelaku.",
        "Situasi di sekitar lokasi masih tegang.",
        "Aparat menambah personel pengamanan.",
    ),
    C.LAINNYA: (
        "Tidak ada korban.",
        "Penyelenggara menyiapkan langkah cadangan.",
    ),
}

CLOSERS = (
    "Petugas FKDM terus memantau perkembangan.",
    "Bhabinkamtibmas dan Babinsa telah berkoordinasi dengan tokoh masyarakat.",
    "Laporan ini perlu diverifikasi lebih lanjut.",
    "Panwascam telah diberi tahu.",
    "Situasi terkendali saat laporan dibuat.",
    "Pelapor akan mengirim pembaruan bila ada perkembangan.",
)

DEMANDS_BY_PHASE = {
    "pra": (
        "pengawalan putusan MK tentang syarat pencalonan",
        "penolakan revisi UU Pilkada",
        "netralitas penyelenggara pemilu",
    ),
    "pendaftaran": (
        "penolakan bakal calon yang dinilai tidak memenuhi syarat",
        "transparansi verifikasi berkas calon",
        "netralitas penyelenggara pemilu",
    ),
    "kampanye": (
        "netralitas ASN dan kepala desa",
        "penindakan dugaan politik uang",
        "pemutakhiran daftar pemilih",
        "netralitas penyelenggara pemilu",
    ),
    "tenang": ("penindakan dugaan politik uang", "netralitas aparat"),
    "pemungutan": ("pemungutan suara ulang", "pemilih yang tidak terdaftar di DPT"),
    "rekap": (
        "penghitungan suara ulang",
        "pemungutan suara ulang di sejumlah TPS",
        "transparansi rekapitulasi",
        "pembatalan hasil rekapitulasi",
    ),
    "pasca": (
        "penuntasan sengketa hasil pemilihan",
        "pelantikan kepala daerah terpilih",
        "transparansi anggaran pemilihan",
    ),
}
VENUES = (
    "depan kantor KPU",
    "kantor Bawaslu",
    "alun-alun",
    "pasar",
    "lapangan",
    "balai desa",
    "gedung DPRD",
    "simpang jalan utama",
    "kantor camat",
    "posko pemenangan",
    "terminal",
    "gedung olahraga",
)
GROUPS = (
    "mahasiswa",
    "aliansi masyarakat sipil",
    "pendukung pasangan calon",
    "warga",
    "organisasi kepemudaan",
    "relawan pasangan calon",
)
DIRECTIONS = ("Utara", "Selatan", "Barat", "Timur", "Tengah")
MONEY = ("50.000", "100.000", "150.000", "200.000", "300.000")
