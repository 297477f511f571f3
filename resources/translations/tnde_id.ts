<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>AddRootDialog</name>
    <message>
        <source>Add trust root</source>
        <translation>Tambah akar tepercaya</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Footer issuer</source>
        <translation>Penerbit di catatan kaki</translation>
    </message>
    <message>
        <source>Empty: the issuing CA&apos;s own name</source>
        <translation>Kosong: nama CA penerbit itu sendiri</translation>
    </message>
    <message>
        <source>The footer of a signed letter says who issued the certificate, e.g. “Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara”.</source>
        <translation>Catatan kaki naskah yang ditandatangani menyebut penerbit sertifikat, mis. “Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara”.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Tambah</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Hal</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Berlaku</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Berkas tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 s.d. %2</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>TNDE Desktop</source>
        <translation>TNDE Desktop</translation>
    </message>
    <message>
        <source>An unexpected error occurred. The details were written to the log.</source>
        <translation>Terjadi kesalahan yang tidak terduga. Rinciannya dicatat di log.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Buka folder log</translation>
    </message>
    <message>
        <source>Choose a workspace folder</source>
        <translation>Pilih folder ruang kerja</translation>
    </message>
</context>
<context>
    <name>ArchivePage</name>
    <message>
        <source>This workspace is not linked to an archive: its letters stay on this computer. To work with the office&apos;s archive, choose “Link to my office&apos;s archive” when TNDE Desktop starts without a workspace, or run: tnde archive link URL</source>
        <translation>Ruang kerja ini tidak terhubung ke arsip: naskahnya tetap di komputer ini. Untuk bekerja dengan arsip kantor, pilih “Hubungkan ke arsip kantor saya” saat TNDE Desktop dimulai tanpa ruang kerja, atau jalankan: tnde archive link URL</translation>
    </message>
    <message>
        <source>A demo workspace is not linked to an archive.</source>
        <translation>Ruang kerja demo tidak terhubung ke arsip.</translation>
    </message>
    <message>
        <source>Archive:</source>
        <translation>Arsip:</translation>
    </message>
    <message>
        <source>Archive id:</source>
        <translation>ID arsip:</translation>
    </message>
    <message>
        <source>Signed in as:</source>
        <translation>Masuk sebagai:</translation>
    </message>
    <message>
        <source>This computer:</source>
        <translation>Komputer ini:</translation>
    </message>
    <message>
        <source>pinned certificate</source>
        <translation>sertifikat disematkan</translation>
    </message>
    <message>
        <source>none</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>Sertifikat:</translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation>Masuk kembali…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Keluar dari arsip</translation>
    </message>
    <message>
        <source>Forget this computer…</source>
        <translation>Lupakan komputer ini…</translation>
    </message>
    <message>
        <source>Tell me when new work arrives (“2 letters to review”)</source>
        <translation>Beri tahu saya saat ada pekerjaan baru (“2 naskah perlu diperiksa”)</translation>
    </message>
    <message>
        <source>Linked desks (administrator&apos;s view)</source>
        <translation>Meja yang terhubung (tampilan administrator)</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>Pejabat</translation>
    </message>
    <message>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Akun</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Komputer</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Terakhir terlihat</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Arsip</translation>
    </message>
    <message>
        <source> (removed)</source>
        <translation> (dicabut)</translation>
    </message>
    <message>
        <source>This computer stops sending and receiving until you sign in again with your password. Your work stays here and is sent after you sign in.</source>
        <translation>Komputer ini berhenti mengirim dan menerima sampai Anda masuk kembali dengan kata sandi. Pekerjaan Anda tetap di sini dan dikirim setelah Anda masuk.</translation>
    </message>
    <message>
        <source>Forget this computer</source>
        <translation>Lupakan komputer ini</translation>
    </message>
    <message>
        <source>This computer signs out and is no longer linked to the archive. The letters stay in this workspace. Actions not yet sent are refused: send them first.</source>
        <translation>Komputer ini keluar dan tidak lagi terhubung ke arsip. Naskah tetap di ruang kerja ini. Tindakan yang belum terkirim membuat permintaan ini ditolak: kirim dahulu.</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Lupakan</translation>
    </message>
    <message>
        <source>%1 action(s) of this computer have not reached the archive. Forget the archive anyway? They stay in this workspace but will not be sent.</source>
        <translation>%1 tindakan dari komputer ini belum sampai ke arsip. Tetap lupakan arsip? Tindakan itu tetap ada di ruang kerja ini, tetapi tidak akan dikirim.</translation>
    </message>
    <message>
        <source>Forget anyway</source>
        <translation>Tetap lupakan</translation>
    </message>
    <message>
        <source>Signed out. Sign in again to send and receive.</source>
        <translation>Anda telah keluar. Masuk kembali untuk mengirim dan menerima.</translation>
    </message>
    <message>
        <source>This computer is no longer linked to the archive; restart TNDE Desktop.</source>
        <translation>Komputer ini tidak lagi terhubung ke arsip; mulai ulang TNDE Desktop.</translation>
    </message>
    <message>
        <source>The archive link was not changed.</source>
        <translation>Sambungan arsip tidak diubah.</translation>
    </message>
</context>
<context>
    <name>AttachmentsField</name>
    <message>
        <source>Add attachment</source>
        <translation>Tambah lampiran</translation>
    </message>
    <message>
        <source>Remove attachment</source>
        <translation>Hapus lampiran</translation>
    </message>
    <message>
        <source>Attachment title</source>
        <translation>Judul lampiran</translation>
    </message>
    <message>
        <source>Attachment text: paragraphs, 1. or a. lists</source>
        <translation>Teks lampiran: paragraf, daftar 1. atau a.</translation>
    </message>
    <message>
        <source>Attachment text</source>
        <translation>Teks lampiran</translation>
    </message>
    <message>
        <source>Add an attachment to print pages after the letter.</source>
        <translation>Tambahkan lampiran untuk mencetak halaman sesudah surat.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Judul</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Teks</translation>
    </message>
</context>
<context>
    <name>AttentionScreen</name>
    <message>
        <source>Needs attention</source>
        <translation>Perlu Perhatian</translation>
    </message>
    <message>
        <source>Actions of yours the archive did not accept, and drafts changed at two desks. Nothing here is lost: decide what happens to each.</source>
        <translation>Tindakan Anda yang tidak diterima arsip, dan konsep yang diubah di dua meja. Tidak ada yang hilang: putuskan apa yang terjadi pada masing-masing.</translation>
    </message>
    <message>
        <source>Items needing attention</source>
        <translation>Hal yang perlu perhatian</translation>
    </message>
    <message>
        <source>Nothing needs your attention.</source>
        <translation>Tidak ada yang perlu Anda perhatikan.</translation>
    </message>
    <message>
        <source>Your note:</source>
        <translation>Catatan Anda:</translation>
    </message>
    <message>
        <source>Your note</source>
        <translation>Catatan Anda</translation>
    </message>
    <message>
        <source>Discard my action</source>
        <translation>Buang tindakan saya</translation>
    </message>
    <message>
        <source>Let this action go; it stays in the letter&apos;s record as not accepted</source>
        <translation>Lepaskan tindakan ini; tetap tercatat dalam riwayat naskah sebagai tidak diterima</translation>
    </message>
    <message>
        <source>Open the letter</source>
        <translation>Buka naskah</translation>
    </message>
    <message>
        <source>Copy my note</source>
        <translation>Salin catatan saya</translation>
    </message>
    <message>
        <source>Compare and choose…</source>
        <translation>Bandingkan dan pilih…</translation>
    </message>
    <message>
        <source>Refused %1</source>
        <translation>Ditolak %1</translation>
    </message>
    <message>
        <source>Your note was copied.</source>
        <translation>Catatan Anda telah disalin.</translation>
    </message>
    <message>
        <source>Your action “%1” on “%2” will not be sent again. It stays in the record of this computer as not accepted.</source>
        <translation>Tindakan Anda “%1” pada “%2” tidak akan dikirim lagi. Tindakan itu tetap tercatat di komputer ini sebagai tidak diterima.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Buang</translation>
    </message>
</context>
<context>
    <name>BranchDialog</name>
    <message>
        <source>A draft changed at two desks</source>
        <translation>Konsep diubah di dua meja</translation>
    </message>
    <message>
        <source>This draft was changed at another desk while you changed it here. Keep one text; tick “then edit it” to take in what the other one had. Both texts stay in the letter&apos;s history.</source>
        <translation>Konsep ini diubah di meja lain ketika Anda mengubahnya di sini. Pertahankan salah satu teks; centang “lalu sunting” untuk memasukkan isi teks yang lain. Kedua teks tetap tersimpan dalam riwayat naskah.</translation>
    </message>
    <message>
        <source>then edit it</source>
        <translation>lalu sunting</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Menyimpan…</translation>
    </message>
    <message>
        <source>The draft was not settled.</source>
        <translation>Konsep belum diselesaikan.</translation>
    </message>
    <message>
        <source>Text from this computer</source>
        <translation>Teks dari komputer ini</translation>
    </message>
    <message>
        <source>Text from another computer</source>
        <translation>Teks dari komputer lain</translation>
    </message>
    <message>
        <source>current</source>
        <translation>berlaku</translation>
    </message>
    <message>
        <source>Keep this text</source>
        <translation>Pakai teks ini</translation>
    </message>
</context>
<context>
    <name>Buttons</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>CatalogueScreen</name>
    <message>
        <source>Letter types</source>
        <translation>Jenis Naskah</translation>
    </message>
    <message>
        <source>Letter type details</source>
        <translation>Rincian jenis naskah</translation>
    </message>
    <message>
        <source>required</source>
        <translation>wajib</translation>
    </message>
</context>
<context>
    <name>ChooseDesksDialog</name>
    <message>
        <source>Demo office</source>
        <translation>Kantor demo</translation>
    </message>
    <message>
        <source>A window opens for each official you tick; each works at their own workspace, linked to the office&apos;s archive on this computer. Draft a letter in the konseptor&apos;s window and watch it arrive in the reviewer&apos;s.</source>
        <translation>Satu jendela dibuka untuk setiap pejabat yang Anda centang; masing-masing bekerja di ruang kerjanya sendiri, terhubung ke arsip kantor di komputer ini. Susun naskah di jendela konseptor dan lihat naskah itu tiba di jendela pemeriksa.</translation>
    </message>
    <message>
        <source>Open windows</source>
        <translation>Buka jendela</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Subject</source>
        <translation>Hal</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgensi</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Sejak</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Batas waktu</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(tanpa hal)</translation>
    </message>
    <message>
        <source>signature status uncertain</source>
        <translation>status tanda tangan tidak pasti</translation>
    </message>
    <message>
        <source>A sign request got no answer: check the signature status before signing again.</source>
        <translation>Permintaan tanda tangan tidak berjawab: periksa status tanda tangan sebelum menandatangani lagi.</translation>
    </message>
    <message>
        <source>Overdue: due %1</source>
        <translation>Terlambat: batas %1</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dari</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>Diberikan</translation>
    </message>
    <message>
        <source> (lead)</source>
        <translation> (utama)</translation>
    </message>
    <message>
        <source>Waiting to be sent to the archive</source>
        <translation>Belum terkirim ke arsip</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>To review</source>
        <translation>Perlu Diperiksa</translation>
    </message>
    <message>
        <source>To sign</source>
        <translation>Perlu Ditandatangani</translation>
    </message>
    <message>
        <source>My drafts and returned drafts</source>
        <translation>Konsep saya dan konsep yang dikembalikan</translation>
    </message>
    <message>
        <source>To number or dispatch</source>
        <translation>Perlu diberi nomor atau dikirim</translation>
    </message>
    <message>
        <source>Incoming letters to read or dispose</source>
        <translation>Naskah masuk untuk dibaca atau didisposisikan</translation>
    </message>
    <message>
        <source>Dispositions to finish</source>
        <translation>Disposisi yang belum selesai</translation>
    </message>
    <message>
        <source>Overdue dispositions</source>
        <translation>Disposisi terlambat</translation>
    </message>
    <message>
        <source>Copies not yet read</source>
        <translation>Tembusan belum dibaca</translation>
    </message>
    <message>
        <source>This workspace has no owner yet</source>
        <translation>Ruang kerja ini belum punya pemilik</translation>
    </message>
    <message>
        <source>Nothing can be done in it until the official who works at this computer is chosen in Settings → Identity.</source>
        <translation>Belum ada yang dapat dikerjakan di sini sampai pejabat yang bekerja di komputer ini dipilih di Pengaturan → Identitas.</translation>
    </message>
    <message>
        <source>no position</source>
        <translation>tanpa jabatan</translation>
    </message>
    <message>
        <source>Good day, %1</source>
        <translation>Selamat datang, %1</translation>
    </message>
    <message>
        <source> · demo workspace</source>
        <translation> · ruang kerja demo</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Select a letter to see it here.</source>
        <translation>Pilih naskah untuk melihatnya di sini.</translation>
    </message>
</context>
<context>
    <name>DeviceForm</name>
    <message>
        <source>Certificate file (PKCS#12)</source>
        <translation>Berkas sertifikat (PKCS#12)</translation>
    </message>
    <message>
        <source>Token or smart card (PKCS#11)</source>
        <translation>Token atau kartu cerdas (PKCS#11)</translation>
    </message>
    <message>
        <source>Remote signing service (BSrE)</source>
        <translation>Layanan TTE jarak jauh (BSrE)</translation>
    </message>
    <message>
        <source>Signing device</source>
        <translation>Perangkat penandatangan</translation>
    </message>
    <message>
        <source>A .p12 or .pfx file</source>
        <translation>Berkas .p12 atau .pfx</translation>
    </message>
    <message>
        <source>Certificate file</source>
        <translation>Berkas sertifikat</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <source>Token label</source>
        <translation>Label token</translation>
    </message>
    <message>
        <source>As the token reports it</source>
        <translation>Sesuai yang dilaporkan token</translation>
    </message>
    <message>
        <source>The vendor&apos;s PKCS#11 library (.so, .dll)</source>
        <translation>Pustaka PKCS#11 dari vendor (.so, .dll)</translation>
    </message>
    <message>
        <source>PKCS#11 module</source>
        <translation>Modul PKCS#11</translation>
    </message>
    <message>
        <source>Remote signing service</source>
        <translation>Layanan tanda tangan jarak jauh</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>16 digits, as registered at BSrE</source>
        <translation>16 angka, sesuai pendaftaran di BSrE</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Perangkat</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Modul</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Layanan</translation>
    </message>
    <message>
        <source>Choose the certificate file</source>
        <translation>Pilih berkas sertifikat</translation>
    </message>
    <message>
        <source>Certificate files (*.p12 *.pfx);;All files (*)</source>
        <translation>Berkas sertifikat (*.p12 *.pfx);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Choose the PKCS#11 module</source>
        <translation>Pilih modul PKCS#11</translation>
    </message>
    <message>
        <source>Libraries (*.so *.dll *.dylib);;All files (*)</source>
        <translation>Pustaka (*.so *.dll *.dylib);;Semua berkas (*)</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <source>Dispatch letter</source>
        <translation>Kirim naskah</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Kepada</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Tembusan</translation>
    </message>
    <message>
        <source>in the system</source>
        <translation>melalui sistem</translation>
    </message>
    <message>
        <source>by e-mail</source>
        <translation>melalui pos-el</translation>
    </message>
    <message>
        <source>by hand or post</source>
        <translation>diantar atau melalui pos</translation>
    </message>
    <message>
        <source>, already sent</source>
        <translation>, sudah dikirim</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Penerima</translation>
    </message>
    <message>
        <source>Letter %1 will be dispatched to the checked recipients.</source>
        <translation>Naskah %1 akan dikirim kepada penerima yang dicentang.</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Penerima</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>Kirim</translation>
    </message>
</context>
<context>
    <name>DisposeDialog</name>
    <message>
        <source>Instructions</source>
        <translation>Instruksi</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Penerima</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Utama</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Penerima</translation>
    </message>
    <message>
        <source>Set the due date by hand</source>
        <translation>Tetapkan batas waktu sendiri</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Batas waktu</translation>
    </message>
    <message>
        <source>By default the urgency of the letter sets the due date.</source>
        <translation>Tanpa itu, batas waktu mengikuti tingkat urgensi naskah.</translation>
    </message>
    <message>
        <source>Note for the recipients (optional)</source>
        <translation>Catatan untuk penerima (tidak wajib)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>Dispose</source>
        <translation>Disposisikan</translation>
    </message>
    <message>
        <source>Recipients (mark one as lead when there are several)</source>
        <translation>Penerima (tandai satu sebagai penanggung jawab utama bila lebih dari satu)</translation>
    </message>
</context>
<context>
    <name>DispositionTree</name>
    <message>
        <source>Recipient</source>
        <translation>Penerima</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Batas waktu</translation>
    </message>
    <message>
        <source>Instruction and report</source>
        <translation>Instruksi dan laporan</translation>
    </message>
    <message>
        <source> (lead)</source>
        <translation> (utama)</translation>
    </message>
    <message>
        <source>Report: %1</source>
        <translation>Laporan: %1</translation>
    </message>
    <message>
        <source>Progress: %1</source>
        <translation>Kemajuan: %1</translation>
    </message>
</context>
<context>
    <name>DispositionsScreen</name>
    <message>
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <source>Dispositions</source>
        <translation>Disposisi</translation>
    </message>
    <message>
        <source>No dispositions for you.</source>
        <translation>Tidak ada disposisi untuk Anda.</translation>
    </message>
    <message>
        <source>For me</source>
        <translation>Untuk saya</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Pemantauan</translation>
    </message>
    <message numerus="yes">
        <source>%n disposition(s)</source>
        <translation>
            <numerusform>%n disposisi</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DraftEditor</name>
    <message>
        <source>New draft</source>
        <translation>Konsep Baru</translation>
    </message>
    <message>
        <source>Opening the letter…</source>
        <translation>Membuka naskah…</translation>
    </message>
    <message>
        <source>A new draft cannot be started.</source>
        <translation>Konsep baru tidak dapat dibuat.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Menyimpan…</translation>
    </message>
    <message>
        <source>Fix the marked fields before submitting.</source>
        <translation>Perbaiki isian yang ditandai sebelum mengajukan.</translation>
    </message>
    <message>
        <source>Choose the signer of the route before submitting.</source>
        <translation>Pilih penandatangan rute sebelum mengajukan.</translation>
    </message>
    <message>
        <source>Submitting the draft…</source>
        <translation>Mengajukan konsep…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Tersimpan</translation>
    </message>
    <message>
        <source>The letter could not be opened.</source>
        <translation>Naskah tidak dapat dibuka.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Perubahan belum disimpan</translation>
    </message>
    <message>
        <source>Saved at %1</source>
        <translation>Disimpan pukul %1</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Belum tersimpan</translation>
    </message>
    <message>
        <source>The draft could not be saved.</source>
        <translation>Konsep tidak dapat disimpan.</translation>
    </message>
    <message>
        <source>The draft could not be saved automatically.</source>
        <translation>Konsep tidak dapat disimpan secara otomatis.</translation>
    </message>
    <message>
        <source>Submitted for review. The draft is now with the reviewers.</source>
        <translation>Sudah diajukan. Konsep kini berada pada pemeriksa.</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Diajukan</translation>
    </message>
    <message>
        <source>Draft submitted for review.</source>
        <translation>Konsep diajukan untuk diperiksa.</translation>
    </message>
    <message>
        <source>The draft could not be submitted.</source>
        <translation>Konsep tidak dapat diajukan.</translation>
    </message>
    <message>
        <source>This draft has changes that are not saved yet.</source>
        <translation>Konsep ini memiliki perubahan yang belum disimpan.</translation>
    </message>
    <message>
        <source>Save them before closing?</source>
        <translation>Simpan sebelum ditutup?</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Buang</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Review route</source>
        <translation>Rute pemeriksaan</translation>
    </message>
    <message>
        <source>Only the konseptor can change this draft; it is shown read-only.</source>
        <translation>Hanya konseptor yang dapat mengubah konsep ini; konsep ditampilkan hanya-baca.</translation>
    </message>
    <message>
        <source>This letter is %1 and cannot be changed in the editor.</source>
        <translation>Naskah ini berstatus %1 dan tidak dapat diubah di penyunting.</translation>
    </message>
    <message>
        <source>Returned for revision: %1</source>
        <translation>Dikembalikan untuk revisi: %1</translation>
    </message>
</context>
<context>
    <name>DraftForm</name>
    <message>
        <source>Letter details</source>
        <translation>Rincian naskah</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Penerima</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Isi naskah</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Tanda tangan</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Lampiran</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Wajib</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Masalah: %1</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <source>Drop the letter&apos;s PDF here</source>
        <translation>Letakkan PDF naskah di sini</translation>
    </message>
    <message>
        <source>Drag the scanned or received PDF here</source>
        <translation>Seret PDF hasil pindai atau yang diterima ke sini</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Pilih berkas…</translation>
    </message>
    <message>
        <source>Choose the letter&apos;s PDF</source>
        <translation>Pilih PDF naskah</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Berkas PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>EditorHeader</name>
    <message>
        <source>New draft, not saved yet</source>
        <translation>Konsep baru, belum disimpan</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>Save the draft (Ctrl+S)</source>
        <translation>Simpan konsep (Ctrl+S)</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>Ajukan untuk diperiksa</translation>
    </message>
    <message>
        <source>Send the draft to the first reviewer of the route</source>
        <translation>Kirim konsep kepada pemeriksa pertama pada rute</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Cancelled.</source>
        <translation>Dibatalkan.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Action not allowed</source>
        <translation>Tindakan tidak diizinkan</translation>
    </message>
    <message>
        <source>Check the input</source>
        <translation>Periksa isian</translation>
    </message>
    <message>
        <source>This folder is not a TNDE workspace.</source>
        <translation>Folder ini bukan ruang kerja TNDE.</translation>
    </message>
    <message>
        <source>This workspace was written by a newer version of TNDE Desktop.</source>
        <translation>Ruang kerja ini ditulis oleh versi TNDE Desktop yang lebih baru.</translation>
    </message>
    <message>
        <source>The workspace database is damaged.</source>
        <translation>Basis data ruang kerja rusak.</translation>
    </message>
    <message>
        <source>The folder for a new workspace must be empty.</source>
        <translation>Folder untuk ruang kerja baru harus kosong.</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Ruang kerja</translation>
    </message>
    <message>
        <source>Stored file</source>
        <translation>Berkas tersimpan</translation>
    </message>
    <message>
        <source>A stored file is missing or damaged.</source>
        <translation>Sebuah berkas tersimpan hilang atau rusak.</translation>
    </message>
    <message>
        <source>System keyring</source>
        <translation>Keyring sistem</translation>
    </message>
    <message>
        <source>The system&apos;s secret storage (keyring) is not available on this computer; the archive server token was not saved. Install and open Secret Service / Windows Credential Manager, then try again.</source>
        <translation>Penyimpanan rahasia sistem (keyring) tidak tersedia di komputer ini; token server arsip tidak disimpan. Pasang dan buka Secret Service / Windows Credential Manager, lalu coba lagi.</translation>
    </message>
    <message>
        <source>Numbering</source>
        <translation>Penomoran</translation>
    </message>
    <message>
        <source>Organisation chart</source>
        <translation>Bagan organisasi</translation>
    </message>
    <message>
        <source>Letter layout</source>
        <translation>Tata letak naskah</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>Berkas data</translation>
    </message>
    <message>
        <source>Action not completed</source>
        <translation>Tindakan tidak selesai</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>Kesalahan tak terduga</translation>
    </message>
    <message>
        <source>Something went wrong. The details were written to the log.</source>
        <translation>Terjadi kesalahan. Rinciannya dicatat di log.</translation>
    </message>
</context>
<context>
    <name>FileDetails</name>
    <message>
        <source>the whole file</source>
        <translation>seluruh berkas</translation>
    </message>
    <message>
        <source>the whole signed revision (the file was updated after it)</source>
        <translation>seluruh revisi yang ditandatangani (berkas diperbarui sesudahnya)</translation>
    </message>
    <message>
        <source>part of the file only (not up to the end of the revision)</source>
        <translation>sebagian berkas saja (tidak sampai akhir revisi)</translation>
    </message>
    <message>
        <source>unclear</source>
        <translation>tidak jelas</translation>
    </message>
    <message>
        <source>not revoked</source>
        <translation>tidak dicabut</translation>
    </message>
    <message>
        <source>REVOKED</source>
        <translation>DICABUT</translation>
    </message>
    <message>
        <source>cannot be established</source>
        <translation>tidak dapat dipastikan</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>tidak diperiksa</translation>
    </message>
    <message>
        <source>Verification details</source>
        <translation>Rincian verifikasi</translation>
    </message>
    <message>
        <source>Choose a file to see its signatures.</source>
        <translation>Pilih berkas untuk melihat tanda tangannya.</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>Workspace records</source>
        <translation>Catatan ruang kerja</translation>
    </message>
    <message>
        <source>The file has no signature.</source>
        <translation>Berkas ini tidak memiliki tanda tangan.</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s)</source>
        <translation>
            <numerusform>%n revisi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n empty signature field(s)</source>
        <translation>
            <numerusform>%n kolom tanda tangan kosong</numerusform>
        </translation>
    </message>
    <message>
        <source>Signature #%1 · field %2</source>
        <translation>Tanda tangan #%1 · kolom %2</translation>
    </message>
    <message>
        <source>Document timestamp #%1</source>
        <translation>Cap waktu dokumen #%1</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Penandatangan</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Jabatan</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit kerja</translation>
    </message>
    <message>
        <source>valid %1 to %2</source>
        <translation>berlaku %1 s.d. %2</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Sertifikat</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 oleh %2</translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation>Cap waktu</translation>
    </message>
    <message>
        <source>%1 (the signer&apos;s own claim, not proof)</source>
        <translation>%1 (klaim penanda tangan, bukan bukti)</translation>
    </message>
    <message>
        <source>Claimed time</source>
        <translation>Waktu diklaim</translation>
    </message>
    <message>
        <source>certification (DocMDP P=%1)</source>
        <translation>sertifikasi (DocMDP P=%1)</translation>
    </message>
    <message>
        <source>approval</source>
        <translation>persetujuan</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Tingkat</translation>
    </message>
    <message>
        <source>(data: %1)</source>
        <translation>(data: %1)</translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation>Status pencabutan</translation>
    </message>
    <message>
        <source>revision %1: %2</source>
        <translation>revisi ke-%1: %2</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Cakupan</translation>
    </message>
    <message>
        <source>Changes after</source>
        <translation>Perubahan sesudahnya</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Alasan</translation>
    </message>
</context>
<context>
    <name>FileResultsModel</name>
    <message>
        <source>File</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>Tanda tangan</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search subject, number, sender…</source>
        <translation>Cari hal, nomor, pengirim…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Cari</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Saring</translation>
    </message>
    <message>
        <source>Show filters</source>
        <translation>Tampilkan saringan</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>Hanya yang terlambat</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Semua jenis</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Any classification</source>
        <translation>Semua sifat</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Sifat</translation>
    </message>
    <message>
        <source>Any urgency</source>
        <translation>Semua urgensi</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgensi</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Semua status</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Pengirim</translation>
    </message>
    <message>
        <source>KKA code</source>
        <translation>Kode KKA</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Dari tanggal</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Sampai tanggal</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Hapus saringan</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Rule checks</source>
        <translation>Pemeriksaan kaidah</translation>
    </message>
    <message>
        <source>Checks of the draft</source>
        <translation>Pemeriksaan konsep</translation>
    </message>
    <message>
        <source>No problems found by the checks.</source>
        <translation>Pemeriksaan tidak menemukan masalah.</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n kesalahan</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n peringatan</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n catatan</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <source>I am</source>
        <translation>Saya adalah</translation>
    </message>
    <message>
        <source>Choose the official…</source>
        <translation>Pilih pejabat…</translation>
    </message>
    <message>
        <source>Demo workspace: you may act as any official, to follow a letter along its whole route. Actions are recorded under the chosen person&apos;s NIP.</source>
        <translation>Ruang kerja demo: Anda boleh bertindak sebagai pejabat mana pun, untuk mengikuti surat di sepanjang rutenya. Tindakan dicatat atas NIP orang yang dipilih.</translation>
    </message>
    <message>
        <source>This workspace has no owner yet, so no action can be taken in it. Choose the official who works at this computer; this is set once, and every action is then taken as them.</source>
        <translation>Ruang kerja ini belum punya pemilik, jadi belum ada tindakan yang dapat diambil. Pilih pejabat yang bekerja di komputer ini; pilihan ini ditetapkan sekali, lalu setiap tindakan diambil atas namanya.</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Pemilik</translation>
    </message>
    <message>
        <source>(no position today)</source>
        <translation>(tidak memegang jabatan hari ini)</translation>
    </message>
    <message>
        <source>Positions today</source>
        <translation>Jabatan hari ini</translation>
    </message>
    <message>
        <source>Every action in this workspace is taken as its owner, in the positions they hold that day (Plt. and Plh. included). Another official works in a workspace of their own.</source>
        <translation>Setiap tindakan di ruang kerja ini diambil sebagai pemiliknya, dalam jabatan yang dipegangnya pada hari itu (termasuk Plt. dan Plh.). Pejabat lain bekerja di ruang kerjanya sendiri.</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identitas</translation>
    </message>
</context>
<context>
    <name>IncomingActions</name>
    <message>
        <source>Already registered?</source>
        <translation>Sudah diregistrasi?</translation>
    </message>
    <message>
        <source>Register it again anyway?</source>
        <translation>Tetap registrasi lagi?</translation>
    </message>
    <message>
        <source>Register again</source>
        <translation>Registrasi lagi</translation>
    </message>
    <message>
        <source>Registered with agenda number %1.</source>
        <translation>Diregistrasi dengan nomor agenda %1.</translation>
    </message>
    <message>
        <source>Registering…</source>
        <translation>Meregistrasi…</translation>
    </message>
    <message>
        <source>Marked as read.</source>
        <translation>Ditandai sudah dibaca.</translation>
    </message>
    <message>
        <source>Disposition accepted.</source>
        <translation>Disposisi diterima.</translation>
    </message>
    <message>
        <source>Forward disposition</source>
        <translation>Teruskan disposisi</translation>
    </message>
    <message>
        <source>Dispose letter</source>
        <translation>Disposisikan naskah</translation>
    </message>
    <message>
        <source>Disposition sent.</source>
        <translation>Disposisi terkirim.</translation>
    </message>
    <message>
        <source>Sending the disposition…</source>
        <translation>Mengirim disposisi…</translation>
    </message>
    <message>
        <source>Report progress</source>
        <translation>Laporkan kemajuan</translation>
    </message>
    <message>
        <source>What has been done so far?</source>
        <translation>Apa yang sudah dikerjakan sejauh ini?</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Laporkan</translation>
    </message>
    <message>
        <source>Progress reported.</source>
        <translation>Kemajuan dilaporkan.</translation>
    </message>
    <message>
        <source>Report completion</source>
        <translation>Laporkan selesai</translation>
    </message>
    <message>
        <source>Describe the result for the giver of the disposition.</source>
        <translation>Uraikan hasilnya untuk pemberi disposisi.</translation>
    </message>
    <message>
        <source>Completion reported.</source>
        <translation>Penyelesaian dilaporkan.</translation>
    </message>
    <message>
        <source>Withdraw disposition</source>
        <translation>Tarik disposisi</translation>
    </message>
    <message>
        <source>An unread disposition can be withdrawn. Give the reason.</source>
        <translation>Disposisi yang belum dibaca dapat ditarik. Sebutkan alasannya.</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Tarik</translation>
    </message>
    <message>
        <source>Disposition withdrawn.</source>
        <translation>Disposisi ditarik.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Menyimpan…</translation>
    </message>
</context>
<context>
    <name>IncomingDetail</name>
    <message>
        <source>No file was registered with this letter.</source>
        <translation>Naskah ini diregistrasi tanpa berkas.</translation>
    </message>
    <message>
        <source>Disposition tree</source>
        <translation>Alur disposisi</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Oleh</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Kejadian</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Pratinjau</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Rincian</translation>
    </message>
    <message>
        <source>Dispositions</source>
        <translation>Disposisi</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Tembusan</translation>
    </message>
    <message>
        <source>Agenda %1</source>
        <translation>Agenda %1</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dari</translation>
    </message>
    <message>
        <source>Sender&apos;s position</source>
        <translation>Jabatan pengirim</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Letter date</source>
        <translation>Tanggal naskah</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Sifat</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgensi</translation>
    </message>
    <message>
        <source>Archive code</source>
        <translation>Kode klasifikasi</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Isi ringkas</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>Diterima oleh</translation>
    </message>
    <message>
        <source>Addressed to</source>
        <translation>Ditujukan kepada</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>kepada %1</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>Tandai dibaca</translation>
    </message>
    <message>
        <source>Dispose</source>
        <translation>Disposisikan</translation>
    </message>
    <message>
        <source>Dispose on the head&apos;s orders</source>
        <translation>Disposisikan atas perintah pimpinan</translation>
    </message>
    <message>
        <source>Accept disposition</source>
        <translation>Terima disposisi</translation>
    </message>
    <message>
        <source>Report progress</source>
        <translation>Laporkan kemajuan</translation>
    </message>
    <message>
        <source>Report completion</source>
        <translation>Laporkan selesai</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Teruskan</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Tarik</translation>
    </message>
    <message>
        <source>Withdraw from %1</source>
        <translation>Tarik dari %1</translation>
    </message>
</context>
<context>
    <name>IncomingScreen</name>
    <message>
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <source>Incoming letters</source>
        <translation>Naskah masuk</translation>
    </message>
    <message>
        <source>No incoming letters here.</source>
        <translation>Tidak ada naskah masuk di sini.</translation>
    </message>
    <message numerus="yes">
        <source>%n letter(s)</source>
        <translation>
            <numerusform>%n naskah</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JabatanPickerDialog</name>
    <message>
        <source>Search jabatan, unit or name…</source>
        <translation>Cari jabatan, unit, atau nama…</translation>
    </message>
    <message>
        <source>Search the org chart</source>
        <translation>Cari di bagan organisasi</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Pilih</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>(vacant)</source>
        <translation>(lowong)</translation>
    </message>
</context>
<context>
    <name>JenisCatalogue</name>
    <message>
        <source>New draft</source>
        <translation>Konsep Baru</translation>
    </message>
    <message>
        <source>Choose the type of letter (jenis naskah) to write.</source>
        <translation>Pilih jenis naskah yang akan ditulis.</translation>
    </message>
    <message>
        <source>Search jenis naskah…</source>
        <translation>Cari jenis naskah…</translation>
    </message>
    <message>
        <source>Search jenis naskah</source>
        <translation>Cari jenis naskah</translation>
    </message>
    <message>
        <source>Jenis naskah</source>
        <translation>Jenis naskah</translation>
    </message>
    <message>
        <source>About this jenis naskah</source>
        <translation>Tentang jenis naskah ini</translation>
    </message>
    <message>
        <source>Start drafting</source>
        <translation>Mulai menyusun</translation>
    </message>
    <message>
        <source>Fields (* required)</source>
        <translation>Isian (* wajib)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Draft</source>
        <translation>Konsep</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>Diperiksa</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Dikembalikan</translation>
    </message>
    <message>
        <source>Ready to sign</source>
        <translation>Siap ditandatangani</translation>
    </message>
    <message>
        <source>Numbered</source>
        <translation>Dinomori</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Ditandatangani</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Dikirim</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Diarsipkan</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Dibatalkan</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Diregistrasi</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Dibaca</translation>
    </message>
    <message>
        <source>Disposed</source>
        <translation>Didisposisi</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Belum dibaca</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Dalam proses</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Pemeriksaan</translation>
    </message>
    <message>
        <source>Coordination initial</source>
        <translation>Paraf koordinasi</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Tanda tangan</translation>
    </message>
    <message>
        <source>Revise</source>
        <translation>Revisi</translation>
    </message>
    <message>
        <source>Assign number</source>
        <translation>Beri nomor</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>Kirim</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Arsip</translation>
    </message>
    <message>
        <source>Draft created</source>
        <translation>Konsep dibuat</translation>
    </message>
    <message>
        <source>Text revised</source>
        <translation>Teks direvisi</translation>
    </message>
    <message>
        <source>Route set</source>
        <translation>Rute ditetapkan</translation>
    </message>
    <message>
        <source>Recipients set</source>
        <translation>Penerima ditetapkan</translation>
    </message>
    <message>
        <source>Submitted for review</source>
        <translation>Diajukan untuk diperiksa</translation>
    </message>
    <message>
        <source>Approved (paraf)</source>
        <translation>Disetujui (paraf)</translation>
    </message>
    <message>
        <source>Returned for revision</source>
        <translation>Dikembalikan untuk revisi</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>Dikirim</translation>
    </message>
    <message>
        <source>Read by recipient</source>
        <translation>Dibaca penerima</translation>
    </message>
    <message>
        <source>Disposition read</source>
        <translation>Disposisi dibaca</translation>
    </message>
    <message>
        <source>Progress reported</source>
        <translation>Kemajuan dilaporkan</translation>
    </message>
    <message>
        <source>Completion reported</source>
        <translation>Penyelesaian dilaporkan</translation>
    </message>
    <message>
        <source>Disposition withdrawn</source>
        <translation>Disposisi ditarik</translation>
    </message>
    <message>
        <source>Copy read</source>
        <translation>Tembusan dibaca</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <source>The new language is used from the next start.</source>
        <translation>Bahasa baru dipakai mulai pembukaan berikutnya.</translation>
    </message>
</context>
<context>
    <name>LetterActions</name>
    <message>
        <source>Submitting…</source>
        <translation>Mengajukan…</translation>
    </message>
    <message>
        <source>The draft was submitted for review.</source>
        <translation>Konsep diajukan untuk diperiksa.</translation>
    </message>
    <message>
        <source>Approving…</source>
        <translation>Menyetujui…</translation>
    </message>
    <message>
        <source>Approved (paraf).</source>
        <translation>Disetujui (paraf).</translation>
    </message>
    <message>
        <source>Return for revision</source>
        <translation>Kembalikan untuk revisi</translation>
    </message>
    <message>
        <source>Tell the drafter what to change. The note is kept in the history.</source>
        <translation>Sampaikan kepada konseptor apa yang perlu diubah. Catatan disimpan dalam riwayat.</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Kembalikan</translation>
    </message>
    <message>
        <source>Returning…</source>
        <translation>Mengembalikan…</translation>
    </message>
    <message>
        <source>The draft was returned to its drafter.</source>
        <translation>Konsep dikembalikan kepada konseptornya.</translation>
    </message>
    <message>
        <source>Reject letter</source>
        <translation>Tolak naskah</translation>
    </message>
    <message>
        <source>A rejected letter ends here and cannot be revised. Give the reason.</source>
        <translation>Naskah yang ditolak berhenti di sini dan tidak dapat direvisi. Sebutkan alasannya.</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Tolak</translation>
    </message>
    <message>
        <source>Rejecting…</source>
        <translation>Menolak…</translation>
    </message>
    <message>
        <source>The letter was rejected.</source>
        <translation>Naskah ditolak.</translation>
    </message>
    <message>
        <source>Cancel letter</source>
        <translation>Batalkan naskah</translation>
    </message>
    <message>
        <source>The letter is withdrawn; a number it holds is voided. Give the reason.</source>
        <translation>Naskah ditarik; nomor yang sudah diberikan dibatalkan. Sebutkan alasannya.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Membatalkan…</translation>
    </message>
    <message>
        <source>The letter was cancelled.</source>
        <translation>Naskah dibatalkan.</translation>
    </message>
    <message>
        <source>Assign number</source>
        <translation>Beri nomor</translation>
    </message>
    <message>
        <source>The letter gets the next number of its series and its final PDF is made. The text cannot change after this unless the signer returns it.</source>
        <translation>Naskah mendapat nomor berikutnya dari serinya dan PDF finalnya dibuat. Sesudah ini teks tidak dapat diubah kecuali dikembalikan oleh penandatangan.</translation>
    </message>
    <message>
        <source>Assigning the number and making the final PDF…</source>
        <translation>Memberi nomor dan membuat PDF final…</translation>
    </message>
    <message>
        <source>Number assigned.</source>
        <translation>Nomor diberikan.</translation>
    </message>
    <message>
        <source>Dispatching…</source>
        <translation>Mengirim…</translation>
    </message>
    <message>
        <source>The letter was dispatched.</source>
        <translation>Naskah dikirim.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Menyimpan…</translation>
    </message>
    <message>
        <source>Marked as read.</source>
        <translation>Ditandai sudah dibaca.</translation>
    </message>
    <message>
        <source>Archiving…</source>
        <translation>Mengarsipkan…</translation>
    </message>
    <message>
        <source>The letter was archived.</source>
        <translation>Naskah diarsipkan.</translation>
    </message>
    <message>
        <source>The check asks the remote signing service about you: choose it in Settings → Signing device first.</source>
        <translation>Pemeriksaan menanyakan status Anda kepada layanan tanda tangan jarak jauh: pilih layanan itu lebih dulu di Pengaturan → Perangkat penandatangan.</translation>
    </message>
    <message>
        <source>Checked (%1): the letter is signed.</source>
        <translation>Sudah diperiksa (%1): naskah sudah ditandatangani.</translation>
    </message>
    <message>
        <source>Checked (%1): the letter was not signed and may be signed again.</source>
        <translation>Sudah diperiksa (%1): naskah belum ditandatangani dan boleh ditandatangani lagi.</translation>
    </message>
    <message>
        <source>Asking the signing service…</source>
        <translation>Menanyakan layanan tanda tangan…</translation>
    </message>
</context>
<context>
    <name>LetterDetail</name>
    <message>
        <source>Letter details</source>
        <extracomment>The key of the button that saves the copy to print and sign by hand (not an :class:`Action`: printing changes nothing in the letter&apos;s workflow). The key of the button that asks the signing service what became of a lost sign request. Statuses in which that copy is offered: approved and not yet signed electronically.</extracomment>
        <translation>Rincian naskah</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Pratinjau</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Rincian</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Langkah</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Jabatan</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tugas</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Oleh</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Rute</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Oleh</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Kejadian</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <source>Changes since your last review</source>
        <translation>Perubahan sejak pemeriksaan terakhir Anda</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Perubahan</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(tanpa hal)</translation>
    </message>
    <message>
        <source>drafted by %1</source>
        <translation>konseptor %1</translation>
    </message>
    <message>
        <source>Signature status uncertain</source>
        <translation>Status tanda tangan tidak pasti</translation>
    </message>
    <message>
        <source>A sign request to %1 got no answer on %2, so nobody knows whether it was signed. Check the signature status before signing it again.</source>
        <translation>Permintaan tanda tangan ke %1 tidak berjawab pada %2, sehingga belum diketahui apakah naskah sudah ditandatangani. Periksa status tanda tangan sebelum menandatanganinya lagi.</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Hal</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Sifat</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgensi</translation>
    </message>
    <message>
        <source>Archive code</source>
        <translation>Kode klasifikasi</translation>
    </message>
    <message>
        <source>Drafted by</source>
        <translation>Konseptor</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit kerja</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Kepada</translation>
    </message>
    <message>
        <source>Copies to</source>
        <translation>Tembusan</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Dibuat</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Perubahan terakhir</translation>
    </message>
    <message>
        <source>Approved earlier (carried)</source>
        <translation>Disetujui sebelumnya (dibawa)</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Menunggu</translation>
    </message>
    <message>
        <source>Approved an older text</source>
        <translation>Menyetujui teks lama</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Belum</translation>
    </message>
    <message>
        <source>Check signature status…</source>
        <translation>Periksa status tanda tangan…</translation>
    </message>
    <message>
        <source>Print for wet-ink signature…</source>
        <translation>Cetak untuk tanda tangan basah…</translation>
    </message>
    <message>
        <source>Print for wet-ink signature</source>
        <translation>Cetak untuk tanda tangan basah</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Berkas PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Laying out the letter for printing…</source>
        <translation>Menata naskah untuk dicetak…</translation>
    </message>
    <message>
        <source>Saved for printing and signing by hand: %1</source>
        <translation>Disimpan untuk dicetak dan ditandatangani basah: %1</translation>
    </message>
    <message>
        <source>Approve (paraf)</source>
        <translation>Setujui (paraf)</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Tandatangani</translation>
    </message>
    <message>
        <source>Assign number</source>
        <translation>Beri nomor</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>Kirim</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Ajukan</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Ubah</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Kembalikan</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Tolak</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>Tandai dibaca</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Arsip</translation>
    </message>
    <message>
        <source>Cancel letter</source>
        <translation>Batalkan naskah</translation>
    </message>
</context>
<context>
    <name>LetterWindow</name>
    <message>
        <source>Letter — TNDE Desktop</source>
        <translation>Naskah — TNDE Desktop</translation>
    </message>
</context>
<context>
    <name>LettersScreen</name>
    <message>
        <source>Switch to %1 to work on their drafts</source>
        <translation>Beralih ke %1 untuk melanjutkan konsepnya</translation>
    </message>
    <message>
        <source>Switch to %1 to review</source>
        <translation>Beralih ke %1 untuk memeriksa</translation>
    </message>
    <message>
        <source>Switch to %1 to sign</source>
        <translation>Beralih ke %1 untuk menandatangani</translation>
    </message>
    <message>
        <source>Switch to %1 to number and send</source>
        <translation>Beralih ke %1 untuk menomori dan mengirim</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Letters</source>
        <translation>Naskah</translation>
    </message>
    <message>
        <source>Nothing is waiting here.</source>
        <translation>Tidak ada yang menunggu di sini.</translation>
    </message>
    <message numerus="yes">
        <source>%n letter(s)</source>
        <translation>
            <numerusform>%n naskah</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>Link to the office&apos;s archive</source>
        <translation>Hubungkan ke arsip kantor</translation>
    </message>
    <message>
        <source>Archive address</source>
        <translation>Alamat arsip</translation>
    </message>
    <message>
        <source>as read out by the administrator</source>
        <translation>seperti dibacakan administrator</translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation>Sidik jari sertifikat</translation>
    </message>
    <message>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>I already have a password (I linked another computer before)</source>
        <translation>Saya sudah punya kata sandi (pernah menghubungkan komputer lain)</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>Kode pendaftaran</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Kata sandi baru</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Ulangi kata sandi baru</translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation>Folder ruang kerja</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <source>Archive address:</source>
        <translation>Alamat arsip:</translation>
    </message>
    <message>
        <source>Certificate fingerprint:</source>
        <translation>Sidik jari sertifikat:</translation>
    </message>
    <message>
        <source>NIP:</source>
        <translation>NIP:</translation>
    </message>
    <message>
        <source>Enrolment code:</source>
        <translation>Kode pendaftaran:</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Kata sandi baru:</translation>
    </message>
    <message>
        <source>Repeat the password:</source>
        <translation>Ulangi kata sandi:</translation>
    </message>
    <message>
        <source>Workspace folder:</source>
        <translation>Folder ruang kerja:</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Hubungkan</translation>
    </message>
    <message>
        <source>Your administrator gave you the archive&apos;s address, its certificate fingerprint and a one-time enrolment code. Choose a password of at least %1 characters: you sign in with it from other computers.</source>
        <translation>Administrator memberi Anda alamat arsip, sidik jari sertifikatnya, dan kode pendaftaran sekali pakai. Pilih kata sandi paling sedikit %1 karakter: dengan kata sandi itu Anda masuk dari komputer lain.</translation>
    </message>
    <message>
        <source>Type the archive&apos;s address.</source>
        <translation>Ketik alamat arsip.</translation>
    </message>
    <message>
        <source>A NIP has 18 digits.</source>
        <translation>NIP terdiri atas 18 angka.</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Ketik kata sandi Anda.</translation>
    </message>
    <message>
        <source>Type the enrolment code the administrator gave you.</source>
        <translation>Ketik kode pendaftaran dari administrator.</translation>
    </message>
    <message>
        <source>The password needs at least %1 characters.</source>
        <translation>Kata sandi paling sedikit %1 karakter.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Kedua kata sandi berbeda.</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Kata sandi:</translation>
    </message>
    <message>
        <source>Choose a folder for the workspace.</source>
        <translation>Pilih folder untuk ruang kerja.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dashboard</source>
        <extracomment>The side bar: (key, title, icon). Titles are evaluated late, after the translator is in.</extracomment>
        <translation>Dasbor</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Konsep</translation>
    </message>
    <message>
        <source>To review</source>
        <translation>Perlu Diperiksa</translation>
    </message>
    <message>
        <source>To sign</source>
        <translation>Perlu Ditandatangani</translation>
    </message>
    <message>
        <source>Ready to send</source>
        <translation>Siap Dikirim</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Naskah Keluar</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Naskah Masuk</translation>
    </message>
    <message>
        <source>Dispositions</source>
        <translation>Disposisi</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Tembusan</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verifikasi</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Arsip</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Perlu Perhatian</translation>
    </message>
    <message>
        <source>Letter types</source>
        <translation>Jenis Naskah</translation>
    </message>
    <message>
        <source>TNDE Desktop</source>
        <translation>TNDE Desktop</translation>
    </message>
    <message>
        <source>Owner of this workspace</source>
        <translation>Pemilik ruang kerja ini</translation>
    </message>
    <message>
        <source>Every action in this workspace will be taken as %1. This is set once and cannot be changed here afterwards.</source>
        <translation>Setiap tindakan di ruang kerja ini akan diambil sebagai %1. Ini ditetapkan sekali dan tidak dapat diubah lagi di sini.</translation>
    </message>
    <message>
        <source>Set as owner</source>
        <translation>Tetapkan sebagai pemilik</translation>
    </message>
    <message>
        <source>Setting the owner of this workspace failed.</source>
        <translation>Penetapan pemilik ruang kerja ini gagal.</translation>
    </message>
    <message>
        <source>Draft — TNDE Desktop</source>
        <translation>Konsep — TNDE Desktop</translation>
    </message>
    <message>
        <source>The language changes at the next start.</source>
        <translation>Bahasa berganti pada pembukaan berikutnya.</translation>
    </message>
    <message>
        <source>About TNDE Desktop</source>
        <translation>Tentang TNDE Desktop</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TNDE Desktop %1&lt;/h3&gt;&lt;p&gt;Electronic official letters (Tata Naskah Dinas Elektronik): drafting, review, numbering, signing, incoming letters, dispositions and tracking.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;TNDE Desktop %1&lt;/h3&gt;&lt;p&gt;Tata Naskah Dinas Elektronik: penyusunan konsep, pemeriksaan, penomoran, penandatanganan, naskah masuk, disposisi, dan pemantauan.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Built on %1</source>
        <translation>Dibuat pada %1</translation>
    </message>
    <message>
        <source>Source checkout (not a packaged build)</source>
        <translation>Salinan kode sumber (bukan paket instalasi)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>tidak diketahui</translation>
    </message>
    <message>
        <source>No letter is waiting for your signature.</source>
        <translation>Tidak ada naskah yang menunggu tanda tangan Anda.</translation>
    </message>
    <message>
        <source>New draft</source>
        <translation>Konsep Baru</translation>
    </message>
    <message>
        <source>Write a new letter (Ctrl+N)</source>
        <translation>Tulis naskah baru (Ctrl+N)</translation>
    </message>
    <message>
        <source>Register incoming</source>
        <translation>Registrasi Naskah Masuk</translation>
    </message>
    <message>
        <source>Register a received letter (Ctrl+R)</source>
        <translation>Registrasi naskah yang diterima (Ctrl+R)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Muat Ulang</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <source>Sign batch…</source>
        <translation>Tandatangani sekaligus…</translation>
    </message>
    <message>
        <source>Sign the letters waiting for your signature, with one passphrase (Ctrl+Shift+S)</source>
        <translation>Tandatangani naskah yang menunggu tanda tangan Anda dengan satu kali frasa sandi (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Cari</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Bilah alat utama</translation>
    </message>
    <message>
        <source>Demo — acting as:</source>
        <translation>Demo — bertindak sebagai:</translation>
    </message>
    <message>
        <source>Acting as</source>
        <translation>Bertindak sebagai</translation>
    </message>
    <message>
        <source>Demo: act as another official</source>
        <translation>Demo: bertindak sebagai pejabat lain</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ba&amp;ntuan</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <source>Demo workspace: fictional people and certificates</source>
        <translation>Ruang kerja demo: orang dan sertifikat fiktif</translation>
    </message>
    <message>
        <source>No workspace open</source>
        <translation>Tidak ada ruang kerja yang dibuka</translation>
    </message>
    <message>
        <source>no owner yet</source>
        <translation>belum ada pemilik</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Please write a note.</source>
        <translation>Tuliskan catatan.</translation>
    </message>
</context>
<context>
    <name>Office</name>
    <message>
        <source>%1 — TNDE Desktop (demo office)</source>
        <translation>%1 — TNDE Desktop (kantor demo)</translation>
    </message>
    <message>
        <source>Preparing the demo office: an archive and a desk per official…</source>
        <translation>Menyiapkan kantor demo: satu arsip dan satu meja untuk setiap pejabat…</translation>
    </message>
    <message>
        <source>The demo office was not made.</source>
        <translation>Kantor demo tidak berhasil dibuat.</translation>
    </message>
    <message>
        <source>The demo office&apos;s archive did not start: %1</source>
        <translation>Arsip kantor demo tidak dapat dijalankan: %1</translation>
    </message>
    <message>
        <source>The demo office&apos;s archive did not answer.</source>
        <translation>Arsip kantor demo tidak menjawab.</translation>
    </message>
    <message>
        <source>Demo office</source>
        <translation>Kantor demo</translation>
    </message>
</context>
<context>
    <name>Op</name>
    <message>
        <source>Cancelled.</source>
        <translation>Dibatalkan.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Membatalkan…</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>Mohon tunggu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>This letter has no PDF yet.</source>
        <translation>Naskah ini belum memiliki PDF.</translation>
    </message>
    <message>
        <source>Document preview</source>
        <translation>Pratinjau dokumen</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Perkecil</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Perbesar</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Pas</translation>
    </message>
    <message>
        <source>No document to show.</source>
        <translation>Tidak ada dokumen untuk ditampilkan.</translation>
    </message>
    <message numerus="yes">
        <source>%n more page(s) not shown.</source>
        <translation>
            <numerusform>%n halaman lagi tidak ditampilkan.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n halaman</numerusform>
        </translation>
    </message>
    <message>
        <source>The document cannot be shown.</source>
        <translation>Dokumen tidak dapat ditampilkan.</translation>
    </message>
    <message>
        <source>Loading preview…</source>
        <translation>Memuat pratinjau…</translation>
    </message>
</context>
<context>
    <name>PersonField</name>
    <message>
        <source>Jabatan</source>
        <translation>Jabatan</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Pangkat</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Golongan</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Instansi</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Alamat</translation>
    </message>
    <message>
        <source>On behalf of</source>
        <translation>Atas nama</translation>
    </message>
    <message>
        <source>Intermediate jabatan</source>
        <translation>Jabatan perantara</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Dasar hukum</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <source>Choose the jabatan from the org chart</source>
        <translation>Pilih jabatan dari bagan organisasi</translation>
    </message>
    <message>
        <source>Rank / grade</source>
        <translation>Pangkat / golongan</translation>
    </message>
    <message>
        <source>None (own authority)</source>
        <translation>Tidak ada (kewenangan sendiri)</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>Pelimpahan wewenang</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Preview</source>
        <translation>Pratinjau</translation>
    </message>
    <message>
        <source>Letter preview</source>
        <translation>Pratinjau naskah</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Memperbarui…</translation>
    </message>
    <message>
        <source>The preview could not be made: %1</source>
        <translation>Pratinjau tidak dapat dibuat: %1</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Halaman %1</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n halaman</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>Office</source>
        <translation>Instansi</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona waktu</translation>
    </message>
    <message>
        <source>The profile is a TOML file kept by the administrator.</source>
        <translation>Profil adalah berkas TOML yang dikelola administrator.</translation>
    </message>
    <message>
        <source>Office profile</source>
        <translation>Profil instansi</translation>
    </message>
</context>
<context>
    <name>RecipientListField</name>
    <message>
        <source>Type a jabatan or name, then Enter</source>
        <translation>Ketik jabatan atau nama, lalu Enter</translation>
    </message>
    <message>
        <source>New line of %1</source>
        <translation>Baris baru %1</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Tambah</translation>
    </message>
    <message>
        <source>From org chart…</source>
        <translation>Dari bagan organisasi…</translation>
    </message>
    <message>
        <source>Remove the selected line</source>
        <translation>Hapus baris yang dipilih</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Naikkan</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Turunkan</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Register incoming letter</source>
        <translation>Registrasi naskah masuk</translation>
    </message>
    <message>
        <source>This is a copy (tembusan), for information only</source>
        <translation>Ini tembusan, hanya untuk diketahui</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>Diterima oleh</translation>
    </message>
    <message>
        <source>From (sender) *</source>
        <translation>Dari (pengirim) *</translation>
    </message>
    <message>
        <source>Sender&apos;s position</source>
        <translation>Jabatan pengirim</translation>
    </message>
    <message>
        <source>Letter number *</source>
        <translation>Nomor naskah *</translation>
    </message>
    <message>
        <source>Letter date *</source>
        <translation>Tanggal naskah *</translation>
    </message>
    <message>
        <source>Subject *</source>
        <translation>Hal *</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Sifat</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgensi</translation>
    </message>
    <message>
        <source>Archive code</source>
        <translation>Kode klasifikasi</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Isi ringkas</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Lampiran</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registrasi</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Tidak dapat membaca %1: %2</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Membaca %1…</translation>
    </message>
    <message>
        <source>%1: fields read from the PDF are marked; please check them. Could not be read with certainty, type from the letter: %2.</source>
        <translation>%1: isian yang dibaca dari PDF ditandai; mohon diperiksa. Tidak dapat dibaca dengan pasti, ketik dari surat: %2.</translation>
    </message>
    <message>
        <source>Read from the PDF: please check</source>
        <translation>Dibaca dari PDF: mohon diperiksa</translation>
    </message>
    <message>
        <source>%1: no text layer (a scan); fill the fields by hand.</source>
        <translation>%1: tidak ada lapisan teks (hasil pindai); isi secara manual.</translation>
    </message>
    <message>
        <source>%1: fields read from the PDF are marked; please check them.</source>
        <translation>%1: isian yang dibaca dari PDF ditandai; mohon diperiksa.</translation>
    </message>
    <message>
        <source>%1: nothing could be read; fill the fields by hand.</source>
        <translation>%1: tidak ada yang terbaca; isi secara manual.</translation>
    </message>
    <message>
        <source>Not filled in: the PDF could not be read with certainty here; type it</source>
        <translation>Tidak diisi: bagian ini tidak dapat dibaca dengan pasti dari PDF; ketik sendiri</translation>
    </message>
    <message>
        <source>%1 could not be read as a PDF.</source>
        <translation>%1 tidak dapat dibaca sebagai PDF.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Attach a PDF…</source>
        <translation>Lampirkan PDF…</translation>
    </message>
    <message>
        <source>Cannot read the file.</source>
        <translation>Berkas tidak dapat dibaca.</translation>
    </message>
    <message>
        <source>Attach a PDF</source>
        <translation>Lampirkan PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Berkas PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>RoutePanel</name>
    <message>
        <source>Review (paraf)</source>
        <translation>Pemeriksaan (paraf)</translation>
    </message>
    <message>
        <source>Coordination paraf</source>
        <translation>Paraf koordinasi</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Tanda tangan</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Langkah</translation>
    </message>
    <message>
        <source>Jabatan</source>
        <translation>Jabatan</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Pejabat</translation>
    </message>
    <message>
        <source>Review route</source>
        <translation>Rute pemeriksaan</translation>
    </message>
    <message>
        <source>Choose signer…</source>
        <translation>Pilih penandatangan…</translation>
    </message>
    <message>
        <source>Add reviewer…</source>
        <translation>Tambah pemeriksa…</translation>
    </message>
    <message>
        <source>Remove the selected step</source>
        <translation>Hapus langkah yang dipilih</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Naikkan</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Turunkan</translation>
    </message>
    <message>
        <source>Suggested route</source>
        <translation>Rute yang disarankan</translation>
    </message>
    <message>
        <source>Rebuild the route from the org chart</source>
        <translation>Susun ulang rute dari bagan organisasi</translation>
    </message>
    <message>
        <source>Choose the signer to get the suggested route.</source>
        <translation>Pilih penandatangan untuk mendapatkan rute yang disarankan.</translation>
    </message>
    <message>
        <source>No route from the org chart (%1); add the reviewers by hand.</source>
        <translation>Rute tidak dapat disusun dari bagan organisasi (%1); tambahkan pemeriksa secara manual.</translation>
    </message>
    <message>
        <source>Suggested from the org chart; you may change it.</source>
        <translation>Disarankan dari bagan organisasi; boleh diubah.</translation>
    </message>
    <message>
        <source>The route saved with the letter.</source>
        <translation>Rute yang tersimpan bersama naskah.</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Penandatangan</translation>
    </message>
    <message>
        <source>Add reviewers</source>
        <translation>Tambah pemeriksa</translation>
    </message>
    <message>
        <source>Route changed by hand.</source>
        <translation>Rute diubah secara manual.</translation>
    </message>
</context>
<context>
    <name>SecretDialog</name>
    <message>
        <source>Enter PIN</source>
        <translation>Masukkan PIN</translation>
    </message>
    <message>
        <source>Enter passphrase</source>
        <translation>Masukkan frasa sandi</translation>
    </message>
    <message numerus="yes">
        <source>Sign %n letter(s)</source>
        <translation>
            <numerusform>Tandatangani %n naskah</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter the PIN of the token %1.</source>
        <translation>Masukkan PIN token %1.</translation>
    </message>
    <message>
        <source>Enter the passphrase of the certificate file %1.</source>
        <translation>Masukkan frasa sandi berkas sertifikat %1.</translation>
    </message>
    <message>
        <source>It is used once for this batch and is not saved anywhere.</source>
        <translation>Dipakai sekali untuk kelompok ini dan tidak disimpan di mana pun.</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frasa sandi</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Tandatangani</translation>
    </message>
    <message>
        <source>Type the secret first.</source>
        <translation>Ketik dulu frasa sandi atau PIN-nya.</translation>
    </message>
</context>
<context>
    <name>SelfTest</name>
    <message>
        <source>Self-test failed: %1</source>
        <translation>Uji mandiri gagal: %1</translation>
    </message>
    <message>
        <source>Indonesian translation of the window</source>
        <translation>terjemahan bahasa Indonesia untuk jendela</translation>
    </message>
    <message>
        <source>main window on the demo workspace</source>
        <translation>jendela utama pada ruang kerja demo</translation>
    </message>
    <message>
        <source>the Indonesian translation did not load</source>
        <translation>terjemahan bahasa Indonesia tidak termuat</translation>
    </message>
    <message>
        <source>the window&apos;s words are not translated</source>
        <translation>teks jendela tidak diterjemahkan</translation>
    </message>
    <message>
        <source>no demo workspace to open</source>
        <translation>tidak ada ruang kerja demo untuk dibuka</translation>
    </message>
    <message>
        <source>a screen of the window was not built</source>
        <translation>sebuah layar jendela tidak terbentuk</translation>
    </message>
    <message>
        <source>the screens did not finish loading in %1 s</source>
        <translation>layar belum selesai dimuat dalam %1 detik</translation>
    </message>
    <message numerus="yes">
        <source>%n screen(s) opened and closed</source>
        <translation>
            <numerusform>%n layar dibuka dan ditutup</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Work queues</source>
        <translation>Antrean kerja</translation>
    </message>
</context>
<context>
    <name>SignBatchDialog</name>
    <message>
        <source>Sign letters</source>
        <translation>Tandatangani naskah</translation>
    </message>
    <message>
        <source>Letters to sign</source>
        <translation>Naskah yang akan ditandatangani</translation>
    </message>
    <message>
        <source>This letter has no PDF.</source>
        <translation>Naskah ini belum memiliki PDF.</translation>
    </message>
    <message>
        <source>Choose a letter to see it.</source>
        <translation>Pilih naskah untuk melihatnya.</translation>
    </message>
    <message>
        <source>Demo workspace: every official has a DEMO certificate; its practice passphrase is demo1234.</source>
        <translation>Ruang kerja demo: setiap pejabat memiliki sertifikat DEMO; frasa sandi latihannya demo1234.</translation>
    </message>
    <message>
        <source>Signing device</source>
        <translation>Perangkat penandatangan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Choose the certificate file or the token first.</source>
        <translation>Pilih dulu berkas sertifikat atau tokennya.</translation>
    </message>
    <message>
        <source>The certificate file does not exist.</source>
        <translation>Berkas sertifikat tidak ada.</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>(tanpa nomor)</translation>
    </message>
    <message>
        <source>Sign (%1)</source>
        <translation>Tandatangani (%1)</translation>
    </message>
    <message>
        <source>%1 of %2 letters chosen</source>
        <translation>%1 dari %2 naskah dipilih</translation>
    </message>
    <message numerus="yes">
        <source>%n letter(s) you cannot sign now</source>
        <translation>
            <numerusform>%n naskah belum dapat Anda tandatangani</numerusform>
        </translation>
    </message>
    <message>
        <source>Not signed: the batch was cancelled</source>
        <translation>Tidak ditandatangani: proses dibatalkan</translation>
    </message>
    <message>
        <source>Left out of this batch</source>
        <translation>Tidak diikutkan</translation>
    </message>
    <message numerus="yes">
        <source>%n letter(s) signed.</source>
        <translation>
            <numerusform>%n naskah ditandatangani.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was signed.</source>
        <translation>Tidak ada yang ditandatangani.</translation>
    </message>
    <message>
        <source>The letters could not be signed.</source>
        <translation>Naskah tidak dapat ditandatangani.</translation>
    </message>
    <message>
        <source>Signing cancelled. Nothing was signed.</source>
        <translation>Penandatanganan dibatalkan. Tidak ada yang ditandatangani.</translation>
    </message>
    <message numerus="yes">
        <source>Signing %n letter(s)…</source>
        <translation>
            <numerusform>Menandatangani %n naskah…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n letter(s) could not be signed; see the reasons below.</source>
        <translation>
            <numerusform>%n naskah tidak dapat ditandatangani; lihat alasannya di bawah.</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Signing as %1</source>
        <translation>Menandatangani sebagai %1</translation>
    </message>
    <message>
        <source>Read each letter in the preview before you sign. Uncheck a letter that is not ready; it stays in your queue.</source>
        <translation>Baca setiap naskah pada pratinjau sebelum menandatangani. Hilangkan centang naskah yang belum siap; naskah itu tetap di antrean Anda.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to the archive</source>
        <translation>Masuk ke arsip</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Kata sandi:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <source>Sign in with your archive password to send and receive again.</source>
        <translation>Masuk dengan kata sandi arsip Anda untuk kembali mengirim dan menerima.</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Ketik kata sandi Anda.</translation>
    </message>
</context>
<context>
    <name>SignLettersModel</name>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Hal</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Ready to sign</source>
        <translation>Siap ditandatangani</translation>
    </message>
    <message>
        <source>Left out of this batch</source>
        <translation>Tidak diikutkan</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Ditandatangani</translation>
    </message>
    <message>
        <source>Not signed</source>
        <translation>Tidak ditandatangani</translation>
    </message>
</context>
<context>
    <name>SigningMessages</name>
    <message>
        <source>The PIN is wrong.</source>
        <translation>PIN salah.</translation>
    </message>
    <message>
        <source>The passphrase is wrong.</source>
        <translation>Frasa sandi salah.</translation>
    </message>
    <message>
        <source>The token is locked after too many wrong PINs.</source>
        <translation>Token terkunci karena PIN salah terlalu sering.</translation>
    </message>
    <message>
        <source>The token was not found. Is it plugged in?</source>
        <translation>Token tidak ditemukan. Sudahkah terpasang?</translation>
    </message>
    <message>
        <source>The signing device cannot be used.</source>
        <translation>Perangkat penandatangan tidak dapat dipakai.</translation>
    </message>
    <message>
        <source>The certificate has expired.</source>
        <translation>Sertifikat sudah kedaluwarsa.</translation>
    </message>
    <message>
        <source>The certificate has been revoked by its issuer.</source>
        <translation>Sertifikat telah dicabut oleh penerbitnya.</translation>
    </message>
    <message>
        <source>The certificate is not trusted in this workspace.</source>
        <translation>Sertifikat tidak tepercaya di ruang kerja ini.</translation>
    </message>
    <message>
        <source>The certificate may not be used to sign documents.</source>
        <translation>Sertifikat ini tidak boleh dipakai untuk menandatangani dokumen.</translation>
    </message>
    <message>
        <source>The certificate belongs to someone else.</source>
        <translation>Sertifikat ini milik orang lain.</translation>
    </message>
    <message>
        <source>The timestamp or revocation service did not answer.</source>
        <translation>Layanan cap waktu atau status pencabutan tidak menjawab.</translation>
    </message>
    <message>
        <source>The PDF of the letter cannot be signed.</source>
        <translation>PDF naskah tidak dapat ditandatangani.</translation>
    </message>
    <message>
        <source>Signing was interrupted; check the letter before trying again.</source>
        <translation>Penandatanganan terputus; periksa naskahnya sebelum mencoba lagi.</translation>
    </message>
    <message>
        <source>This NIK is not registered with the signing service.</source>
        <translation>NIK ini belum terdaftar di layanan tanda tangan.</translation>
    </message>
    <message>
        <source>The signing service holds no certificate for this NIK.</source>
        <translation>Layanan tanda tangan tidak memiliki sertifikat untuk NIK ini.</translation>
    </message>
    <message>
        <source>The signing service refused this office&apos;s credentials.</source>
        <translation>Layanan tanda tangan menolak kredensial kantor ini.</translation>
    </message>
    <message>
        <source>The signing service sent back something that cannot be used.</source>
        <translation>Layanan tanda tangan mengirim jawaban yang tidak dapat dipakai.</translation>
    </message>
    <message>
        <source>The letter could not be signed.</source>
        <translation>Naskah tidak dapat ditandatangani.</translation>
    </message>
    <message>
        <source>Something went wrong. The details were written to the log.</source>
        <translation>Terjadi kesalahan. Rinciannya dicatat di log.</translation>
    </message>
</context>
<context>
    <name>SigningSettingsPage</name>
    <message>
        <source>In this demo workspace the acting official&apos;s DEMO certificate is used unless you choose another file.</source>
        <translation>Di ruang kerja demo ini dipakai sertifikat DEMO pejabat yang sedang bertindak, kecuali Anda memilih berkas lain.</translation>
    </message>
    <message>
        <source>Only where the key is gets saved (for a remote service: which one, and your NIK there). The passphrase or PIN is asked each time you sign and is never stored.</source>
        <translation>Hanya letak kunci yang disimpan (untuk layanan jarak jauh: layanan mana dan NIK Anda di sana). Frasa sandi atau PIN ditanyakan setiap kali menandatangani dan tidak pernah disimpan.</translation>
    </message>
    <message>
        <source>Signing device</source>
        <translation>Perangkat penandatangan</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Preparing the demo workspace: sample letters and a DEMO certificate for every official…</source>
        <translation>Menyiapkan ruang kerja demo: contoh naskah dan sertifikat DEMO untuk setiap pejabat…</translation>
    </message>
</context>
<context>
    <name>SyncDetailsDialog</name>
    <message>
        <source>Archive connection</source>
        <translation>Sambungan arsip</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Keadaan:</translation>
    </message>
    <message>
        <source>Archive:</source>
        <translation>Arsip:</translation>
    </message>
    <message>
        <source>Signed in as:</source>
        <translation>Masuk sebagai:</translation>
    </message>
    <message>
        <source>This computer:</source>
        <translation>Komputer ini:</translation>
    </message>
    <message>
        <source>Waiting to be sent:</source>
        <translation>Belum terkirim ke arsip:</translation>
    </message>
    <message>
        <source>Last sent:</source>
        <translation>Terakhir dikirim ke arsip:</translation>
    </message>
    <message>
        <source>Last received:</source>
        <translation>Terakhir diterima dari arsip:</translation>
    </message>
    <message>
        <source>Last problem:</source>
        <translation>Masalah terakhir:</translation>
    </message>
    <message>
        <source>Send now</source>
        <translation>Kirim ke arsip sekarang</translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation>Masuk kembali…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>SyncNotice</name>
    <message>
        <source>%1 to review</source>
        <translation>%1 naskah perlu diperiksa</translation>
    </message>
    <message>
        <source>%1 to sign</source>
        <translation>%1 naskah perlu ditandatangani</translation>
    </message>
    <message>
        <source>%1 ready to send</source>
        <translation>%1 naskah siap dikirim</translation>
    </message>
    <message>
        <source>%1 incoming</source>
        <translation>%1 naskah masuk</translation>
    </message>
    <message>
        <source>%1 dispositions</source>
        <translation>%1 disposisi</translation>
    </message>
    <message>
        <source>%1 copies</source>
        <translation>%1 tembusan</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Sign in again</source>
        <translation>Perlu masuk kembali</translation>
    </message>
    <message>
        <source>Connecting to the archive…</source>
        <translation>Menghubungi arsip…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Daring</translation>
    </message>
    <message>
        <source>Offline since %1</source>
        <translation>Luring sejak %1</translation>
    </message>
    <message>
        <source>%1 waiting to send</source>
        <translation>%1 belum terkirim ke arsip</translation>
    </message>
    <message>
        <source>%1 need attention</source>
        <translation>%1 perlu perhatian</translation>
    </message>
    <message>
        <source>last received %1</source>
        <translation>terakhir diterima %1</translation>
    </message>
</context>
<context>
    <name>SyncStatusButton</name>
    <message>
        <source>Archive connection</source>
        <translation>Sambungan arsip</translation>
    </message>
    <message>
        <source>The connection to the office&apos;s archive: click for details</source>
        <translation>Sambungan ke arsip kantor: klik untuk rinciannya</translation>
    </message>
</context>
<context>
    <name>TableField</name>
    <message>
        <source>Add row</source>
        <translation>Tambah baris</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Hapus baris</translation>
    </message>
</context>
<context>
    <name>Tracking</name>
    <message>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Dari</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Hal</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Penerima</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Batas waktu</translation>
    </message>
    <message>
        <source>Age (days)</source>
        <translation>Umur (hari)</translation>
    </message>
    <message>
        <source> (lead)</source>
        <translation> (utama)</translation>
    </message>
</context>
<context>
    <name>TrackingView</name>
    <message>
        <source>Unit</source>
        <translation>Unit kerja</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Batas waktu</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Ekspor CSV…</translation>
    </message>
    <message>
        <source>Print report (PDF)…</source>
        <translation>Cetak laporan (PDF)…</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>Unit kerja:</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Pemantauan</translation>
    </message>
    <message>
        <source>No dispositions match.</source>
        <translation>Tidak ada disposisi yang cocok.</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Belum dibaca</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>Belum selesai</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Terlambat</translation>
    </message>
    <message>
        <source>Incoming not yet read</source>
        <translation>Naskah masuk belum dibaca</translation>
    </message>
    <message>
        <source>Read, not yet disposed</source>
        <translation>Dibaca, belum didisposisi</translation>
    </message>
    <message>
        <source>Export tracking as CSV</source>
        <translation>Ekspor pemantauan sebagai CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Berkas CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save tracking report</source>
        <translation>Simpan laporan pemantauan</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Berkas PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Mengekspor…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to %1</source>
        <translation>
            <numerusform>%n baris ditulis ke %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrustRootsModel</name>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Hal</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Berlaku sampai</translation>
    </message>
    <message>
        <source>Footer names the issuer as</source>
        <translation>Penerbit di catatan kaki</translation>
    </message>
    <message>
        <source>(the issuing CA&apos;s own name)</source>
        <translation>(nama CA penerbit itu sendiri)</translation>
    </message>
    <message>
        <source>A test root: trusted in demo workspaces only.</source>
        <translation>Akar uji: hanya tepercaya di ruang kerja demo.</translation>
    </message>
    <message>
        <source>A test root: ignored, this is not a demo workspace.</source>
        <translation>Akar uji: diabaikan, ini bukan ruang kerja demo.</translation>
    </message>
</context>
<context>
    <name>TrustRootsPage</name>
    <message>
        <source>Trust roots</source>
        <translation>Sertifikat akar tepercaya</translation>
    </message>
    <message>
        <source>Trusted roots</source>
        <translation>Akar tepercaya</translation>
    </message>
    <message>
        <source>Add root…</source>
        <translation>Tambah akar…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Signatures are trusted only when they lead to one of these roots; the computer&apos;s own certificate store is never used. Changes are saved at once.</source>
        <translation>Tanda tangan hanya tepercaya bila berujung pada salah satu akar ini; penyimpanan sertifikat komputer tidak pernah dipakai. Perubahan langsung disimpan.</translation>
    </message>
    <message>
        <source>Choose a root certificate</source>
        <translation>Pilih sertifikat akar</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
        <translation>Sertifikat (*.pem *.crt *.cer *.der);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>The root was added to the trust store.</source>
        <translation>Akar ditambahkan ke penyimpanan kepercayaan.</translation>
    </message>
    <message>
        <source>Stop trusting %1? Signatures that lead only to this root will no longer be SAH in this workspace.</source>
        <translation>Berhenti memercayai %1? Tanda tangan yang hanya berujung pada akar ini tidak lagi SAH di ruang kerja ini.</translation>
    </message>
    <message>
        <source>Remove trust root</source>
        <translation>Hapus akar tepercaya</translation>
    </message>
    <message>
        <source>The root could not be removed.</source>
        <translation>Akar tidak dapat dihapus.</translation>
    </message>
    <message>
        <source>The root was removed from the trust store.</source>
        <translation>Akar dihapus dari penyimpanan kepercayaan.</translation>
    </message>
</context>
<context>
    <name>VerificationScreen</name>
    <message>
        <source>Choose files…</source>
        <translation>Pilih berkas…</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>Pilih folder…</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>Simpan berita acara…</translation>
    </message>
    <message>
        <source>Save the Berita Acara Verifikasi as PDF</source>
        <translation>Simpan Berita Acara Verifikasi sebagai PDF</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Bersihkan</translation>
    </message>
    <message>
        <source>Verifying signatures…</source>
        <translation>Memverifikasi tanda tangan…</translation>
    </message>
    <message>
        <source>Verification cancelled.</source>
        <translation>Verifikasi dibatalkan.</translation>
    </message>
    <message>
        <source>Writing the Berita Acara…</source>
        <translation>Menyusun berita acara…</translation>
    </message>
    <message>
        <source>Berita Acara saved: %1</source>
        <translation>Berita acara disimpan: %1</translation>
    </message>
    <message>
        <source>No PDF files were found there.</source>
        <translation>Tidak ada berkas PDF di sana.</translation>
    </message>
    <message>
        <source>Choose signed PDF files</source>
        <translation>Pilih berkas PDF bertanda tangan</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Choose a folder of signed PDFs</source>
        <translation>Pilih folder berisi PDF bertanda tangan</translation>
    </message>
    <message>
        <source>Save the Berita Acara</source>
        <translation>Simpan berita acara</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n berkas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>verified %1 with %n trust root(s)</source>
        <translation>
            <numerusform>diverifikasi %1 dengan %n akar tepercaya</numerusform>
        </translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verifikasi</translation>
    </message>
    <message>
        <source>Check the electronic signatures of PDF letters offline, against this workspace&apos;s trust roots and records.</source>
        <translation>Periksa tanda tangan elektronik naskah PDF secara luring, terhadap akar tepercaya dan catatan ruang kerja ini.</translation>
    </message>
    <message>
        <source>Drop signed PDF files or a folder here</source>
        <translation>Seret berkas PDF bertanda tangan atau sebuah folder ke sini</translation>
    </message>
    <message>
        <source>Nothing leaves this computer: only the trust roots of the workspace and the data inside the files are used. Large folders are checked on two processes.</source>
        <translation>Tidak ada yang keluar dari komputer ini: hanya akar tepercaya ruang kerja dan data di dalam berkas yang dipakai. Folder besar diperiksa dengan dua proses.</translation>
    </message>
    <message>
        <source>intact, trusted, not revoked, nothing wrongly changed</source>
        <translation>utuh, tepercaya, tidak dicabut, tidak ada perubahan terlarang</translation>
    </message>
    <message>
        <source>proven wrong: altered, broken or revoked</source>
        <translation>terbukti bermasalah: diubah, rusak atau dicabut</translation>
    </message>
    <message>
        <source>cannot be proven offline (e.g. an unknown root)</source>
        <translation>tidak dapat dibuktikan secara luring (mis. akar tidak dikenal)</translation>
    </message>
    <message>
        <source>Verified files</source>
        <translation>Berkas yang diverifikasi</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to TNDE Desktop</source>
        <translation>Selamat datang di TNDE Desktop</translation>
    </message>
    <message>
        <source>Electronic official letters: drafting, review, numbering, signing, incoming letters and dispositions. How do you want to begin?</source>
        <translation>Naskah dinas elektronik: penyusunan, pemeriksaan, penomoran, penandatanganan, naskah masuk, dan disposisi. Bagaimana Anda ingin memulai?</translation>
    </message>
    <message>
        <source>Link to my office&apos;s archive</source>
        <translation>Hubungkan ke arsip kantor saya</translation>
    </message>
    <message>
        <source>With the address, fingerprint and enrolment code from your administrator. Letters travel between the office&apos;s computers; you work offline too.</source>
        <translation>Dengan alamat, sidik jari, dan kode pendaftaran dari administrator. Naskah berpindah antarkomputer kantor; Anda tetap dapat bekerja tanpa jaringan.</translation>
    </message>
    <message>
        <source>Open a workspace folder</source>
        <translation>Buka folder ruang kerja</translation>
    </message>
    <message>
        <source>A standalone workspace on this computer, or one you were given.</source>
        <translation>Ruang kerja mandiri di komputer ini, atau yang diberikan kepada Anda.</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Coba demo</translation>
    </message>
    <message>
        <source>A fictional office with sample letters and DEMO certificates.</source>
        <translation>Kantor rekaan dengan contoh naskah dan sertifikat DEMO.</translation>
    </message>
    <message>
        <source>Choose a workspace folder</source>
        <translation>Pilih folder ruang kerja</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <source>No workspace is open</source>
        <translation>Tidak ada ruang kerja yang terbuka</translation>
    </message>
    <message>
        <source>Choose a workspace folder in Settings (Ctrl+,), then restart.</source>
        <translation>Pilih folder ruang kerja di Pengaturan (Ctrl+,), lalu buka ulang aplikasi.</translation>
    </message>
</context>
<context>
    <name>WindowSync</name>
    <message>
        <source>signed out</source>
        <translation>sudah keluar</translation>
    </message>
    <message>
        <source>New work: %1</source>
        <translation>Pekerjaan baru: %1</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Arsip</translation>
    </message>
    <message>
        <source>The administrator removed this computer from the archive. Ask for a new enrolment code; then, in Settings → Arsip, forget this computer and link it again. Your work stays in this workspace.</source>
        <translation>Administrator telah mencabut komputer ini dari arsip. Mintalah kode pendaftaran baru; lalu, di Pengaturan → Arsip, lupakan komputer ini dan hubungkan kembali. Pekerjaan Anda tetap ada di ruang kerja ini.</translation>
    </message>
</context>
<context>
    <name>WorkspacePage</name>
    <message>
        <source>Workspace folder</source>
        <translation>Folder ruang kerja</translation>
    </message>
    <message>
        <source>Open another workspace…</source>
        <translation>Buka ruang kerja lain…</translation>
    </message>
    <message>
        <source>This is a demo workspace: every person and certificate in it is fictional.</source>
        <translation>Ini ruang kerja demo: semua orang dan sertifikat di dalamnya fiktif.</translation>
    </message>
    <message>
        <source>A workspace is one folder with the database and the stored files. Another workspace opens after a restart.</source>
        <translation>Ruang kerja adalah satu folder berisi basis data dan berkas tersimpan. Ruang kerja lain dibuka sesudah aplikasi dibuka ulang.</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Ruang kerja</translation>
    </message>
    <message>
        <source>Choose a workspace folder</source>
        <translation>Pilih folder ruang kerja</translation>
    </message>
</context>
<context>
    <name>_FormDialog</name>
    <message>
        <source>Contacting the archive…</source>
        <translation>Menghubungi arsip…</translation>
    </message>
</context>
</TS>
