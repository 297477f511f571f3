; TNDE Desktop: Indonesian messages for the Inno Setup 6 installer (version 6.5 and later).
;
; Written for TNDE Desktop in formal Indonesian, with the terms Windows itself uses in
; Indonesian (instal, hapus instalan, pintasan, menu Mulai). tnde-desktop.iss loads it after
; the compiler's Default.isl, so a message missing here, or added by a later Inno Setup,
; is shown in English.
;
; Placeholders (%1, %2, [name], [name/ver], [gb], [mb]) and the line breaks %n are kept as
; Default.isl has them. A message without a full stop in Default.isl gets none here either:
; Setup adds it itself where needed. "&" marks the letter of a keyboard shortcut.
; Kept to plain ASCII, so the file reads the same whatever code page Windows uses.

[LangOptions]
LanguageName=Bahasa Indonesia
LanguageID=$0421
LanguageCodePage=1252

[Messages]

; *** Application titles
SetupAppTitle=Penyiapan
SetupWindowTitle=Penyiapan - %1
UninstallAppTitle=Hapus Instalan
UninstallAppFullTitle=Hapus Instalan %1

; *** Misc. common
InformationTitle=Informasi
ConfirmTitle=Konfirmasi
ErrorTitle=Kesalahan

; *** SetupLdr messages
SetupLdrStartupMessage=Penyiapan ini akan menginstal %1. Lanjutkan?
LdrCannotCreateTemp=Berkas sementara tidak dapat dibuat. Penyiapan dibatalkan
LdrCannotExecTemp=Berkas dalam folder sementara tidak dapat dijalankan. Penyiapan dibatalkan
HelpTextNote=

; *** Startup error messages
LastErrorMessage=%1.%n%nKesalahan %2: %3
SetupFileMissing=Berkas %1 tidak ada dalam folder penginstalan. Perbaiki masalah tersebut atau dapatkan salinan baru program ini.
SetupFileCorrupt=Berkas penyiapan rusak. Dapatkan salinan baru program ini.
SetupFileCorruptOrWrongVer=Berkas penyiapan rusak atau tidak sesuai dengan versi Penyiapan ini. Perbaiki masalah tersebut atau dapatkan salinan baru program ini.
InvalidParameter=Parameter yang tidak sah diberikan pada baris perintah:%n%n%1
SetupAlreadyRunning=Penyiapan sudah berjalan.
WindowsVersionNotSupported=Program ini tidak mendukung versi Windows yang digunakan komputer Anda.
WindowsServicePackRequired=Program ini memerlukan %1 Service Pack %2 atau yang lebih baru.
NotOnThisPlatform=Program ini tidak dapat berjalan pada %1.
OnlyOnThisPlatform=Program ini harus dijalankan pada %1.
OnlyOnTheseArchitectures=Program ini hanya dapat diinstal pada versi Windows yang dirancang untuk arsitektur prosesor berikut:%n%n%1
WinVersionTooLowError=Program ini memerlukan %1 versi %2 atau yang lebih baru.
WinVersionTooHighError=Program ini tidak dapat diinstal pada %1 versi %2 atau yang lebih baru.
AdminPrivilegesRequired=Anda harus masuk sebagai administrator untuk menginstal program ini.
PowerUserPrivilegesRequired=Anda harus masuk sebagai administrator atau anggota grup Power Users untuk menginstal program ini.
SetupAppRunningError=Penyiapan mendeteksi bahwa %1 sedang berjalan.%n%nTutup semua jendelanya sekarang, lalu klik OK untuk melanjutkan, atau Batal untuk keluar.
UninstallAppRunningError=Penghapusan instalan mendeteksi bahwa %1 sedang berjalan.%n%nTutup semua jendelanya sekarang, lalu klik OK untuk melanjutkan, atau Batal untuk keluar.

; *** Startup questions
PrivilegesRequiredOverrideTitle=Pilih Mode Penginstalan
PrivilegesRequiredOverrideInstruction=Pilih mode penginstalan
PrivilegesRequiredOverrideText1=%1 dapat diinstal untuk semua pengguna (memerlukan hak administrator) atau hanya untuk Anda.
PrivilegesRequiredOverrideText2=%1 dapat diinstal hanya untuk Anda atau untuk semua pengguna (memerlukan hak administrator).
PrivilegesRequiredOverrideAllUsers=Instal untuk &semua pengguna
PrivilegesRequiredOverrideAllUsersRecommended=Instal untuk &semua pengguna (disarankan)
PrivilegesRequiredOverrideCurrentUser=Instal hanya untuk s&aya
PrivilegesRequiredOverrideCurrentUserRecommended=Instal hanya untuk s&aya (disarankan)

; *** Misc. errors
ErrorCreatingDir=Penyiapan tidak dapat membuat folder "%1"
ErrorTooManyFilesInDir=Berkas tidak dapat dibuat dalam folder "%1" karena folder tersebut berisi terlalu banyak berkas

; *** Setup common messages
ExitSetupTitle=Keluar dari Penyiapan
ExitSetupMessage=Penyiapan belum selesai. Jika Anda keluar sekarang, program tidak akan terinstal.%n%nAnda dapat menjalankan Penyiapan lagi di lain waktu untuk menyelesaikan penginstalan.%n%nKeluar dari Penyiapan?
AboutSetupMenuItem=&Tentang Penyiapan...
AboutSetupTitle=Tentang Penyiapan
AboutSetupMessage=%1 versi %2%n%3%n%nLaman %1:%n%4
AboutSetupNote=
TranslatorNote=

; *** Buttons
ButtonBack=< &Kembali
ButtonNext=&Berikutnya >
ButtonInstall=&Instal
ButtonOK=OK
ButtonCancel=Batal
ButtonYes=&Ya
ButtonYesToAll=Ya untuk &Semua
ButtonNo=&Tidak
ButtonNoToAll=Tidak untuk S&emua
ButtonFinish=&Selesai
ButtonBrowse=&Telusuri...
ButtonWizardBrowse=T&elusuri...
ButtonNewFolder=&Buat Folder Baru

; *** "Select Language" dialog messages
SelectLanguageTitle=Pilih Bahasa Penyiapan
SelectLanguageLabel=Pilih bahasa yang digunakan selama penginstalan.

; *** Common wizard text
ClickNext=Klik Berikutnya untuk melanjutkan, atau Batal untuk keluar dari Penyiapan.
BeveledLabel=
BrowseDialogTitle=Telusuri Folder
BrowseDialogLabel=Pilih folder dalam daftar di bawah ini, lalu klik OK.
NewFolderName=Folder Baru

; *** "Welcome" wizard page
WelcomeLabel1=Selamat Datang di Wizard Penyiapan [name]
WelcomeLabel2=Penyiapan ini akan menginstal [name/ver] di komputer Anda.%n%nAnda disarankan menutup semua aplikasi lain sebelum melanjutkan.

; *** "Password" wizard page
WizardPassword=Kata Sandi
PasswordLabel1=Penginstalan ini dilindungi kata sandi.
PasswordLabel3=Masukkan kata sandi, lalu klik Berikutnya untuk melanjutkan. Huruf besar dan huruf kecil dibedakan.
PasswordEditLabel=&Kata sandi:
IncorrectPassword=Kata sandi yang Anda masukkan salah. Silakan coba lagi.

; *** "License Agreement" wizard page
WizardLicense=Perjanjian Lisensi
LicenseLabel=Bacalah informasi penting berikut sebelum melanjutkan.
LicenseLabel3=Bacalah Perjanjian Lisensi berikut. Anda harus menyetujui ketentuan perjanjian ini sebelum melanjutkan penginstalan.
LicenseAccepted=Saya &menyetujui perjanjian ini
LicenseNotAccepted=Saya &tidak menyetujui perjanjian ini

; *** "Information" wizard pages
WizardInfoBefore=Informasi
InfoBeforeLabel=Bacalah informasi penting berikut sebelum melanjutkan.
InfoBeforeClickLabel=Jika Anda siap melanjutkan Penyiapan, klik Berikutnya.
WizardInfoAfter=Informasi
InfoAfterLabel=Bacalah informasi penting berikut sebelum melanjutkan.
InfoAfterClickLabel=Jika Anda siap melanjutkan Penyiapan, klik Berikutnya.

; *** "User Information" wizard page
WizardUserInfo=Informasi Pengguna
UserInfoDesc=Masukkan informasi Anda.
UserInfoName=&Nama pengguna:
UserInfoOrg=&Organisasi:
UserInfoSerial=Nomor &seri:
UserInfoNameRequired=Nama wajib diisi.

; *** "Select Destination Location" wizard page
WizardSelectDir=Pilih Lokasi Tujuan
SelectDirDesc=Di mana [name] akan diinstal?
SelectDirLabel3=Penyiapan akan menginstal [name] ke dalam folder berikut.
SelectDirBrowseLabel=Untuk melanjutkan, klik Berikutnya. Jika Anda ingin memilih folder lain, klik Telusuri.
DiskSpaceGBLabel=Diperlukan ruang kosong pada disk sekurang-kurangnya [gb] GB.
DiskSpaceMBLabel=Diperlukan ruang kosong pada disk sekurang-kurangnya [mb] MB.
CannotInstallToNetworkDrive=Penyiapan tidak dapat menginstal ke drive jaringan.
CannotInstallToUNCPath=Penyiapan tidak dapat menginstal ke jalur UNC.
InvalidPath=Anda harus memasukkan jalur lengkap dengan huruf drive, misalnya:%n%nC:\APP%n%natau jalur UNC dengan bentuk:%n%n\\server\share
InvalidDrive=Drive atau share UNC yang Anda pilih tidak ada atau tidak dapat diakses. Pilih yang lain.
DiskSpaceWarningTitle=Ruang Disk Tidak Cukup
DiskSpaceWarning=Penyiapan memerlukan ruang kosong sekurang-kurangnya %1 KB untuk penginstalan, tetapi drive yang dipilih hanya memiliki %2 KB.%n%nTetap lanjutkan?
DirNameTooLong=Nama folder atau jalurnya terlalu panjang.
InvalidDirName=Nama folder tidak sah.
BadDirName32=Nama folder tidak boleh mengandung karakter berikut:%n%n%1
DirExistsTitle=Folder Sudah Ada
DirExists=Folder:%n%n%1%n%nsudah ada. Tetap instal ke folder tersebut?
DirDoesntExistTitle=Folder Tidak Ada
DirDoesntExist=Folder:%n%n%1%n%ntidak ada. Buat folder tersebut?

; *** "Select Components" wizard page
WizardSelectComponents=Pilih Komponen
SelectComponentsDesc=Komponen mana yang akan diinstal?
SelectComponentsLabel2=Pilih komponen yang ingin Anda instal; kosongkan komponen yang tidak ingin Anda instal. Klik Berikutnya jika Anda siap melanjutkan.
FullInstallation=Penginstalan lengkap
CompactInstallation=Penginstalan ringkas
CustomInstallation=Penginstalan kustom
NoUninstallWarningTitle=Komponen Sudah Ada
NoUninstallWarning=Penyiapan mendeteksi bahwa komponen berikut sudah terinstal di komputer Anda:%n%n%1%n%nMembatalkan pilihan komponen tersebut tidak akan menghapus instalannya.%n%nTetap lanjutkan?
ComponentSize1=%1 KB
ComponentSize2=%1 MB
ComponentsDiskSpaceGBLabel=Pilihan saat ini memerlukan ruang disk sekurang-kurangnya [gb] GB.
ComponentsDiskSpaceMBLabel=Pilihan saat ini memerlukan ruang disk sekurang-kurangnya [mb] MB.

; *** "Select Additional Tasks" wizard page
WizardSelectTasks=Pilih Tugas Tambahan
SelectTasksDesc=Tugas tambahan apa yang akan dilakukan?
SelectTasksLabel2=Pilih tugas tambahan yang ingin dilakukan Penyiapan selama menginstal [name], lalu klik Berikutnya.

; *** "Select Start Menu Folder" wizard page
WizardSelectProgramGroup=Pilih Folder Menu Mulai
SelectStartMenuFolderDesc=Di mana Penyiapan akan menempatkan pintasan program?
SelectStartMenuFolderLabel3=Penyiapan akan membuat pintasan program dalam folder menu Mulai berikut.
SelectStartMenuFolderBrowseLabel=Untuk melanjutkan, klik Berikutnya. Jika Anda ingin memilih folder lain, klik Telusuri.
MustEnterGroupName=Nama folder wajib diisi.
GroupNameTooLong=Nama folder atau jalurnya terlalu panjang.
InvalidGroupName=Nama folder tidak sah.
BadGroupName=Nama folder tidak boleh mengandung karakter berikut:%n%n%1
NoProgramGroupCheck2=&Jangan buat folder menu Mulai

; *** "Ready to Install" wizard page
WizardReady=Siap Menginstal
ReadyLabel1=Penyiapan siap mulai menginstal [name] di komputer Anda.
ReadyLabel2a=Klik Instal untuk melanjutkan penginstalan, atau klik Kembali jika Anda ingin meninjau atau mengubah pengaturan.
ReadyLabel2b=Klik Instal untuk melanjutkan penginstalan.
ReadyMemoUserInfo=Informasi pengguna:
ReadyMemoDir=Lokasi tujuan:
ReadyMemoType=Jenis penginstalan:
ReadyMemoComponents=Komponen yang dipilih:
ReadyMemoGroup=Folder menu Mulai:
ReadyMemoTasks=Tugas tambahan:

; *** TDownloadWizardPage wizard page and DownloadTemporaryFile
DownloadingLabel2=Mengunduh berkas...
ButtonStopDownload=&Hentikan unduhan
StopDownload=Anda yakin ingin menghentikan unduhan?
ErrorDownloadAborted=Unduhan dibatalkan
ErrorDownloadFailed=Unduhan gagal: %1 %2
ErrorDownloadSizeFailed=Ukuran berkas tidak dapat diperoleh: %1 %2
ErrorProgress=Kemajuan tidak sah: %1 dari %2
ErrorFileSize=Ukuran berkas tidak sah: seharusnya %1, ternyata %2

; *** TExtractionWizardPage wizard page and ExtractArchive
ExtractingLabel=Mengekstrak berkas...
ButtonStopExtraction=&Hentikan ekstraksi
StopExtraction=Anda yakin ingin menghentikan ekstraksi?
ErrorExtractionAborted=Ekstraksi dibatalkan
ErrorExtractionFailed=Ekstraksi gagal: %1

; *** Archive extraction failure details
ArchiveIncorrectPassword=Kata sandi salah
ArchiveIsCorrupted=Arsip rusak
ArchiveUnsupportedFormat=Format arsip tidak didukung

; *** "Preparing to Install" wizard page
WizardPreparing=Mempersiapkan Penginstalan
PreparingDesc=Penyiapan sedang mempersiapkan penginstalan [name] di komputer Anda.
PreviousInstallNotCompleted=Penginstalan atau penghapusan program sebelumnya belum selesai. Anda perlu memulai ulang komputer untuk menyelesaikannya.%n%nSetelah komputer dimulai ulang, jalankan Penyiapan lagi untuk menyelesaikan penginstalan [name].
CannotContinue=Penyiapan tidak dapat dilanjutkan. Klik Batal untuk keluar.
ApplicationsFound=Aplikasi berikut sedang menggunakan berkas yang perlu diperbarui oleh Penyiapan. Anda disarankan mengizinkan Penyiapan menutup aplikasi tersebut secara otomatis.
ApplicationsFound2=Aplikasi berikut sedang menggunakan berkas yang perlu diperbarui oleh Penyiapan. Anda disarankan mengizinkan Penyiapan menutup aplikasi tersebut secara otomatis. Setelah penginstalan selesai, Penyiapan akan mencoba memulai ulang aplikasi tersebut.
CloseApplications=&Tutup aplikasi secara otomatis
DontCloseApplications=&Jangan tutup aplikasi
ErrorCloseApplications=Penyiapan tidak dapat menutup semua aplikasi secara otomatis. Sebelum melanjutkan, Anda disarankan menutup semua aplikasi yang menggunakan berkas yang perlu diperbarui oleh Penyiapan.
PrepareToInstallNeedsRestart=Penyiapan harus memulai ulang komputer Anda. Setelah komputer dimulai ulang, jalankan Penyiapan lagi untuk menyelesaikan penginstalan [name].%n%nMulai ulang sekarang?

; *** "Installing" wizard page
WizardInstalling=Menginstal
InstallingLabel=Harap tunggu selagi Penyiapan menginstal [name] di komputer Anda.

; *** "Setup Completed" wizard page
FinishedHeadingLabel=Menyelesaikan Wizard Penyiapan [name]
FinishedLabelNoIcons=Penyiapan telah selesai menginstal [name] di komputer Anda.
FinishedLabel=Penyiapan telah selesai menginstal [name] di komputer Anda. Aplikasi dapat dijalankan melalui pintasan yang telah dibuat.
ClickFinish=Klik Selesai untuk keluar dari Penyiapan.
FinishedRestartLabel=Untuk menyelesaikan penginstalan [name], Penyiapan harus memulai ulang komputer Anda. Mulai ulang sekarang?
FinishedRestartMessage=Untuk menyelesaikan penginstalan [name], Penyiapan harus memulai ulang komputer Anda.%n%nMulai ulang sekarang?
ShowReadmeCheck=Ya, saya ingin membaca berkas README
YesRadio=&Ya, mulai ulang komputer sekarang
NoRadio=&Tidak, saya akan memulai ulang komputer nanti
RunEntryExec=Jalankan %1
RunEntryShellExec=Tampilkan %1

; *** "Setup Needs the Next Disk" stuff
ChangeDiskTitle=Penyiapan Memerlukan Disk Berikutnya
SelectDiskLabel2=Masukkan Disk %1, lalu klik OK.%n%nJika berkas pada disk ini berada dalam folder selain yang ditampilkan di bawah ini, masukkan jalur yang benar atau klik Telusuri.
PathLabel=&Jalur:
FileNotInDir2=Berkas "%1" tidak ditemukan di "%2". Masukkan disk yang benar atau pilih folder lain.
SelectDirectoryLabel=Tentukan lokasi disk berikutnya.

; *** Installation phase messages
SetupAborted=Penyiapan tidak selesai.%n%nPerbaiki masalahnya, lalu jalankan Penyiapan lagi.
AbortRetryIgnoreSelectAction=Pilih tindakan
AbortRetryIgnoreRetry=&Coba lagi
AbortRetryIgnoreIgnore=&Abaikan kesalahan dan lanjutkan
AbortRetryIgnoreCancel=Batalkan penginstalan
RetryCancelSelectAction=Pilih tindakan
RetryCancelRetry=&Coba lagi
RetryCancelCancel=Batal

; *** Installation status messages
StatusClosingApplications=Menutup aplikasi...
StatusCreateDirs=Membuat folder...
StatusExtractFiles=Mengekstrak berkas...
StatusDownloadFiles=Mengunduh berkas...
StatusCreateIcons=Membuat pintasan...
StatusCreateIniEntries=Membuat entri INI...
StatusCreateRegistryEntries=Membuat entri registri...
StatusRegisterFiles=Mendaftarkan berkas...
StatusSavingUninstall=Menyimpan informasi penghapusan instalan...
StatusRunProgram=Menyelesaikan penginstalan...
StatusRestartingApplications=Memulai ulang aplikasi...
StatusRollback=Mengembalikan perubahan...

; *** Misc. errors
ErrorInternal2=Kesalahan internal: %1
ErrorFunctionFailedNoCode=%1 gagal
ErrorFunctionFailed=%1 gagal; kode %2
ErrorFunctionFailedWithMessage=%1 gagal; kode %2.%n%3
ErrorExecutingProgram=Berkas tidak dapat dijalankan:%n%1

; *** Registry errors
ErrorRegOpenKey=Kesalahan saat membuka kunci registri:%n%1\%2
ErrorRegCreateKey=Kesalahan saat membuat kunci registri:%n%1\%2
ErrorRegWriteKey=Kesalahan saat menulis ke kunci registri:%n%1\%2

; *** INI errors
ErrorIniEntry=Kesalahan saat membuat entri INI dalam berkas "%1".

; *** File copying errors
FileAbortRetryIgnoreSkipNotRecommended=&Lewati berkas ini (tidak disarankan)
FileAbortRetryIgnoreIgnoreNotRecommended=&Abaikan kesalahan dan lanjutkan (tidak disarankan)
SourceIsCorrupted=Berkas sumber rusak
SourceDoesntExist=Berkas sumber "%1" tidak ada
SourceVerificationFailed=Verifikasi berkas sumber gagal: %1
VerificationSignatureDoesntExist=Berkas tanda tangan "%1" tidak ada
VerificationSignatureInvalid=Berkas tanda tangan "%1" tidak sah
VerificationKeyNotFound=Berkas tanda tangan "%1" menggunakan kunci yang tidak dikenal
VerificationFileNameIncorrect=Nama berkas tidak sesuai
VerificationFileTagIncorrect=Tag berkas tidak sesuai
VerificationFileSizeIncorrect=Ukuran berkas tidak sesuai
VerificationFileHashIncorrect=Hash berkas tidak sesuai
ExistingFileReadOnly2=Berkas yang ada tidak dapat diganti karena ditandai hanya-baca.
ExistingFileReadOnlyRetry=&Hapus atribut hanya-baca dan coba lagi
ExistingFileReadOnlyKeepExisting=&Pertahankan berkas yang ada
ErrorReadingExistingDest=Terjadi kesalahan saat membaca berkas yang ada:
FileExistsSelectAction=Pilih tindakan
FileExists2=Berkas sudah ada.
FileExistsOverwriteExisting=&Timpa berkas yang ada
FileExistsKeepExisting=&Pertahankan berkas yang ada
FileExistsOverwriteOrKeepAll=&Lakukan ini untuk konflik berikutnya
ExistingFileNewerSelectAction=Pilih tindakan
ExistingFileNewer2=Berkas yang ada lebih baru daripada berkas yang akan diinstal Penyiapan.
ExistingFileNewerOverwriteExisting=&Timpa berkas yang ada
ExistingFileNewerKeepExisting=&Pertahankan berkas yang ada (disarankan)
ExistingFileNewerOverwriteOrKeepAll=&Lakukan ini untuk konflik berikutnya
ErrorChangingAttr=Terjadi kesalahan saat mengubah atribut berkas yang ada:
ErrorCreatingTemp=Terjadi kesalahan saat membuat berkas dalam folder tujuan:
ErrorReadingSource=Terjadi kesalahan saat membaca berkas sumber:
ErrorCopying=Terjadi kesalahan saat menyalin berkas:
ErrorDownloading=Terjadi kesalahan saat mengunduh berkas:
ErrorExtracting=Terjadi kesalahan saat mengekstrak arsip:
ErrorReplacingExistingFile=Terjadi kesalahan saat mengganti berkas yang ada:
ErrorRestartReplace=RestartReplace gagal:
ErrorRenamingTemp=Terjadi kesalahan saat mengganti nama berkas dalam folder tujuan:
ErrorRegisterServer=DLL/OCX tidak dapat didaftarkan: %1
ErrorRegSvr32Failed=RegSvr32 gagal dengan kode keluar %1
ErrorRegisterTypeLib=Pustaka jenis tidak dapat didaftarkan: %1

; *** Uninstall display name markings
UninstallDisplayNameMark=%1 (%2)
UninstallDisplayNameMarks=%1 (%2, %3)
UninstallDisplayNameMark32Bit=32-bit
UninstallDisplayNameMark64Bit=64-bit
UninstallDisplayNameMarkAllUsers=Semua pengguna
UninstallDisplayNameMarkCurrentUser=Pengguna saat ini

; *** Post-installation errors
ErrorOpeningReadme=Terjadi kesalahan saat membuka berkas README.
ErrorRestartingComputer=Penyiapan tidak dapat memulai ulang komputer. Lakukan secara manual.

; *** Uninstaller messages
UninstallNotFound=Berkas "%1" tidak ada. Instalan tidak dapat dihapus.
UninstallOpenError=Berkas "%1" tidak dapat dibuka. Instalan tidak dapat dihapus
UninstallUnsupportedVer=Format berkas log penghapusan instalan "%1" tidak dikenali oleh versi penghapus instalan ini. Instalan tidak dapat dihapus
UninstallUnknownEntry=Ditemukan entri yang tidak dikenal (%1) dalam log penghapusan instalan
ConfirmUninstall=Anda yakin ingin menghapus %1 beserta semua komponennya? Ruang kerja, naskah, dan pengaturan Anda tidak ikut dihapus.
UninstallOnlyOnWin64=Instalan ini hanya dapat dihapus pada Windows 64-bit.
OnlyAdminCanUninstall=Instalan ini hanya dapat dihapus oleh pengguna dengan hak administrator.
UninstallStatusLabel=Harap tunggu selagi %1 dihapus dari komputer Anda.
UninstalledAll=%1 telah berhasil dihapus dari komputer Anda.
UninstalledMost=Penghapusan instalan %1 selesai.%n%nBeberapa elemen tidak dapat dihapus dan dapat Anda hapus secara manual.
UninstalledAndNeedsRestart=Untuk menyelesaikan penghapusan instalan %1, komputer Anda harus dimulai ulang.%n%nMulai ulang sekarang?
UninstallDataCorrupted=Berkas "%1" rusak. Instalan tidak dapat dihapus

; *** Uninstallation phase messages
ConfirmDeleteSharedFileTitle=Hapus Berkas Bersama?
ConfirmDeleteSharedFile2=Sistem menunjukkan bahwa berkas bersama berikut tidak lagi digunakan oleh program mana pun. Hapus berkas bersama ini?%n%nJika masih ada program yang menggunakan berkas ini dan berkas ini dihapus, program tersebut mungkin tidak berfungsi dengan baik. Jika Anda ragu, pilih Tidak. Membiarkan berkas ini tetap ada tidak akan menimbulkan masalah.
SharedFileNameLabel=Nama berkas:
SharedFileLocationLabel=Lokasi:
WizardUninstalling=Status Penghapusan Instalan
StatusUninstalling=Menghapus instalan %1...

; *** Shutdown block reasons
ShutdownBlockReasonInstallingApp=Menginstal %1.
ShutdownBlockReasonUninstallingApp=Menghapus instalan %1.

[CustomMessages]

NameAndVersion=%1 versi %2
AdditionalIcons=Pintasan tambahan:
CreateDesktopIcon=Buat pintasan di &desktop
CreateQuickLaunchIcon=Buat pintasan &Quick Launch
ProgramOnTheWeb=%1 di Web
UninstallProgram=Hapus instalan %1
LaunchProgram=Jalankan %1
AssocFileExtension=&Kaitkan %1 dengan ekstensi berkas %2
AssocingFileExtension=Mengaitkan %1 dengan ekstensi berkas %2...
AutoStartProgramGroupDescription=Memulai:
AutoStartProgram=Jalankan %1 secara otomatis
AddonHostProgramNotFound=%1 tidak ditemukan dalam folder yang Anda pilih.%n%nTetap lanjutkan?
