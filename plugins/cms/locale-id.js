// Decap CMS's own interface in Indonesian: buttons, menus, validation and
// status messages. Decap ships no `id` locale, so this is ours, registered
// before CMS.init (admin.js) and chosen by the config's `locale: "id"`.
//
// The object has exactly the keys of Decap's English phrases
// (decap-cms-locales, dist/esm/en/index.js, of the installed version) and
// keeps every `%{placeholder}`; tests/test_cms.py compares them, so a Decap
// upgrade that adds phrases fails until they are translated here (Decap
// would show the new ones in English).
//
// Words, as in the field labels and docs/panduan-penulis.md: entry =
// "entri", collection = "koleksi", publish = "terbitkan", save = "simpan",
// preview = "pratinjau", draft = "draf", error = "galat", file = "berkas",
// required = "wajib diisi".
CMS.registerLocale("id", {
  auth: {
    login: "Masuk",
    loggingIn: "Sedang masuk...",
    loginWithNetlifyIdentity: "Masuk dengan Netlify Identity",
    loginWithAzure: "Masuk dengan Azure",
    loginWithBitbucket: "Masuk dengan Bitbucket",
    loginWithGitHub: "Masuk dengan GitHub",
    loginWithGitLab: "Masuk dengan GitLab",
    loginWithGitea: "Masuk dengan Gitea",
    loginWithForgejo: "Masuk dengan Forgejo",
    errors: {
      email: "Isi alamat surel Anda.",
      password: "Isi kata sandi Anda.",
      identitySettings:
        "Pengaturan identitas tidak dapat dibuka. Bila memakai backend git-gateway, pastikan layanan Identity dan Git Gateway sudah diaktifkan.",
    },
  },
  app: {
    header: {
      content: "Konten",
      workflow: "Alur kerja",
      media: "Media",
      quickAdd: "Tambah cepat",
    },
    app: {
      errorHeader: "Konfigurasi CMS gagal dimuat",
      configErrors: "Galat konfigurasi",
      checkConfigYml: "Periksa berkas config.yml.",
      loadingConfig: "Memuat konfigurasi...",
      waitingBackend: "Menunggu backend...",
    },
    notFoundPage: {
      header: "Tidak ditemukan",
    },
  },
  collection: {
    sidebar: {
      collections: "Koleksi",
      allCollections: "Semua koleksi",
      searchAll: "Cari di semua koleksi",
      searchIn: "Cari di",
    },
    collectionTop: {
      sortBy: "Urutkan",
      viewAs: "Tampilan",
      viewAsList: "Tampilkan sebagai daftar",
      viewAsGrid: "Tampilkan sebagai kisi",
      newButton: "＋ %{collectionLabel} baru",
      newButtonAriaLabel: "Buat entri baru: %{collectionLabel}",
      ascending: "Naik",
      descending: "Turun",
      searchResults: 'Hasil pencarian "%{searchTerm}"',
      searchResultsInCollection: 'Hasil pencarian "%{searchTerm}" di %{collection}',
      filterBy: "Saring",
      groupBy: "Kelompokkan",
    },
    entries: {
      loadingEntries: "Memuat entri...",
      cachingEntries: "Menyiapkan entri...",
      longerLoading: "Ini bisa makan waktu beberapa menit",
      noEntries: "Belum ada entri",
      unpublishedHeader: "Entri yang belum terbit",
    },
    groups: {
      other: "Lainnya",
      negateLabel: "Bukan %{label}",
    },
    defaultFields: {
      author: {
        label: "Penulis",
      },
      updatedOn: {
        label: "Diperbarui",
      },
    },
  },
  editor: {
    editorControl: {
      field: {
        optional: "tidak wajib",
        widgetLabel: "kolom %{widgetLabel}",
      },
    },
    editorControlPane: {
      widget: {
        required: "%{fieldLabel} wajib diisi.",
        regexPattern: "%{fieldLabel} tidak sesuai dengan pola: %{pattern}.",
        processing: "%{fieldLabel} sedang diproses.",
        range: "%{fieldLabel} harus antara %{minValue} dan %{maxValue}.",
        min: "%{fieldLabel} paling sedikit %{minValue}.",
        max: "%{fieldLabel} paling banyak %{maxValue}.",
        rangeCount: "%{fieldLabel} harus berisi %{minCount} sampai %{maxCount} butir.",
        rangeCountExact: "%{fieldLabel} harus berisi tepat %{count} butir.",
        rangeMin: "%{fieldLabel} harus berisi paling sedikit %{minCount} butir.",
        rangeMax: "%{fieldLabel} harus berisi paling banyak %{maxCount} butir.",
        invalidPath: "'%{path}' bukan jalur yang sah",
        pathExists: "Jalur '%{path}' sudah ada",
      },
      i18n: {
        writingInLocale: "Menulis dalam bahasa %{locale}",
        copyFromLocale: "Isi dari bahasa lain",
        copyFromLocaleConfirm:
          "Isi dengan data dari bahasa %{locale}?\nSemua isi yang sudah ada akan ditimpa.",
      },
    },
    editor: {
      onLeavePage: "Yakin ingin meninggalkan halaman ini?",
      onUpdatingWithUnsavedChanges:
        "Ada perubahan yang belum disimpan; simpan dulu sebelum mengubah status.",
      onPublishingNotReady: 'Ubah status menjadi "Siap" sebelum menerbitkan.',
      onPublishingWithUnsavedChanges:
        "Ada perubahan yang belum disimpan; simpan dulu sebelum menerbitkan.",
      onPublishing: "Yakin ingin menerbitkan entri ini?",
      onUnpublishing: "Yakin ingin membatalkan penerbitan entri ini?",
      onDeleteWithUnsavedChanges:
        "Yakin ingin menghapus entri yang sudah terbit ini, beserta perubahan yang belum disimpan di sesi ini?",
      onDeletePublishedEntry: "Yakin ingin menghapus entri yang sudah terbit ini?",
      onDeleteUnpublishedChangesWithUnsavedChanges:
        "Semua perubahan entri ini yang belum terbit akan dihapus, beserta perubahan yang belum disimpan di sesi ini. Tetap hapus?",
      onDeleteUnpublishedChanges:
        "Semua perubahan entri ini yang belum terbit akan dihapus. Tetap hapus?",
      loadingEntry: "Memuat entri...",
      confirmLoadBackup:
        "Ada cadangan lokal entri ini yang belum disimpan. Pakai cadangan itu?",
    },
    editorInterface: {
      toggleI18n: "Tampilkan atau sembunyikan bahasa lain",
      togglePreview: "Tampilkan atau sembunyikan pratinjau",
      toggleScrollSync: "Gulir bersama",
      toggleNotes: "Tampilkan atau sembunyikan catatan",
    },
    editorNotesPane: {
      title: "Catatan",
      emptyState:
        "Belum ada catatan. Tambahkan catatan pertama di bawah untuk mulai bekerja sama.",
      addNote: "Tambah catatan",
      addPlaceholder: "Tulis catatan...",
      editPlaceholder: "Ubah catatan Anda...",
      save: "Simpan",
      cancel: "Batal",
      edit: "Ubah",
      delete: "Hapus",
      resolve: "Tandai selesai",
      unresolve: "Buka lagi",
      confirmDelete: "Yakin ingin menghapus catatan ini?",
      shortcut: "Kiat: tekan Ctrl+Enter untuk menambahkan catatan dengan cepat",
    },
    editorToolbar: {
      publishing: "Menerbitkan...",
      publish: "Terbitkan",
      published: "Sudah terbit",
      unpublish: "Batalkan terbit",
      duplicate: "Gandakan",
      unpublishing: "Membatalkan terbit...",
      publishAndCreateNew: "Terbitkan dan buat baru",
      publishAndDuplicate: "Terbitkan dan gandakan",
      deleteUnpublishedChanges: "Hapus perubahan yang belum terbit",
      deleteUnpublishedEntry: "Hapus entri yang belum terbit",
      deletePublishedEntry: "Hapus entri yang sudah terbit",
      deleteEntry: "Hapus entri",
      saving: "Menyimpan...",
      save: "Simpan",
      statusInfoTooltipDraft:
        "Status entri ini draf. Bila sudah selesai dan siap ditinjau, ubah statusnya menjadi ‘Ditinjau’",
      statusInfoTooltipInReview:
        "Entri ini sedang ditinjau; tidak ada lagi yang perlu dilakukan. Anda tetap boleh mengubahnya selama ditinjau.",
      deleting: "Menghapus...",
      updating: "Memperbarui...",
      status: "Status: %{status}",
      backCollection: " Menulis di koleksi %{collectionLabel}",
      unsavedChanges: "Belum disimpan",
      changesSaved: "Perubahan tersimpan",
      draft: "Draf",
      inReview: "Ditinjau",
      ready: "Siap",
      publishNow: "Terbitkan sekarang",
      deployPreviewPendingButtonLabel: "Periksa pratinjau",
      deployPreviewButtonLabel: "Lihat pratinjau",
      deployButtonLabel: "Lihat di situs",
    },
    editorWidgets: {
      markdown: {
        bold: "Tebal",
        italic: "Miring",
        strikethrough: "Coret",
        code: "Kode",
        link: "Tautan",
        linkPrompt: "Masukkan URL tautan",
        headings: "Subjudul",
        quote: "Kutipan",
        bulletedList: "Daftar berbutir",
        numberedList: "Daftar bernomor",
        addComponent: "Tambah komponen",
        richText: "Teks berformat",
        markdown: "Markdown",
        toggleMode: {
          rich: "Beralih ke teks berformat",
          markdown: "Beralih ke Markdown",
        },
      },
      image: {
        choose: "Pilih gambar",
        chooseMultiple: "Pilih gambar-gambar",
        chooseUrl: "Sisipkan dari URL",
        replaceUrl: "Ganti dengan URL",
        promptUrl: "Masukkan URL gambar",
        chooseDifferent: "Pilih gambar lain",
        addMore: "Tambah gambar",
        remove: "Hapus gambar",
        removeAll: "Hapus semua gambar",
      },
      file: {
        choose: "Pilih berkas",
        chooseUrl: "Sisipkan dari URL",
        chooseMultiple: "Pilih berkas-berkas",
        replaceUrl: "Ganti dengan URL",
        promptUrl: "Masukkan URL berkas",
        chooseDifferent: "Pilih berkas lain",
        addMore: "Tambah berkas",
        remove: "Hapus berkas",
        removeAll: "Hapus semua berkas",
      },
      unknownControl: {
        noControl: "Tidak ada isian untuk jenis kolom '%{widget}'.",
      },
      unknownPreview: {
        noPreview: "Tidak ada pratinjau untuk jenis kolom '%{widget}'.",
      },
      headingOptions: {
        headingOne: "Subjudul 1",
        headingTwo: "Subjudul 2",
        headingThree: "Subjudul 3",
        headingFour: "Subjudul 4",
        headingFive: "Subjudul 5",
        headingSix: "Subjudul 6",
      },
      datetime: {
        now: "Sekarang",
        clear: "Kosongkan",
        setToNow: "Isi %{fieldLabel} dengan waktu sekarang",
      },
      list: {
        add: "Tambah %{item}",
        addType: "Tambah %{item}",
      },
      object: {
        expand: "Buka",
        collapse: "Ciutkan",
      },
    },
  },
  mediaLibrary: {
    mediaLibraryCard: {
      draft: "Draf",
      copy: "Salin",
      copyUrl: "Salin URL",
      copyPath: "Salin jalur",
      copyName: "Salin nama",
      copied: "Tersalin",
    },
    mediaLibrary: {
      onDelete: "Yakin ingin menghapus media yang dipilih?",
      fileTooLarge: "Berkas terlalu besar.\nBerkas lebih dari %{size} kB tidak diterima.",
    },
    mediaLibraryModal: {
      loading: "Memuat...",
      close: "Tutup",
      noResults: "Tidak ada hasil.",
      noAssetsFound: "Belum ada berkas media.",
      noImagesFound: "Belum ada gambar.",
      private: "Pribadi ",
      images: "Gambar",
      mediaAssets: "Berkas media",
      search: "Cari...",
      uploading: "Mengunggah...",
      upload: "Unggah",
      download: "Unduh",
      deleting: "Menghapus...",
      deleteSelected: "Hapus yang dipilih",
      chooseSelected: "Pakai yang dipilih",
    },
  },
  ui: {
    default: {
      goBackToSite: "Kembali ke situs",
    },
    errorBoundary: {
      title: "Galat",
      details: "Terjadi galat. Silakan ",
      reportIt: "laporkan di GitHub.",
      detailsHeading: "Rincian",
      privacyWarning:
        "Laporan yang dibuka langsung berisi pesan galat dan data untuk menelusurinya.\nPeriksa isinya dan hapus data yang sensitif bila ada.",
      recoveredEntry: {
        heading: "Dokumen yang dipulihkan",
        warning: "Salin dan tempel ini di tempat lain sebelum meninggalkan halaman!",
        copyButtonLabel: "Salin ke papan klip",
      },
    },
    settingsDropdown: {
      logOut: "Keluar",
      account: "Menu akun",
    },
    toast: {
      onFailToLoadEntries: "Entri gagal dimuat: %{details}",
      onFailToLoadDeployPreview: "Pratinjau gagal dimuat: %{details}",
      onFailToPersist: "Entri gagal disimpan: %{details}",
      onFailToDelete: "Entri gagal dihapus: %{details}",
      onFailToUpdateStatus: "Status gagal diperbarui: %{details}",
      missingRequiredField:
        "Ada kolom wajib yang belum diisi. Lengkapi dulu sebelum menyimpan.",
      entrySaved: "Entri tersimpan",
      entryPublished: "Entri terbit",
      entryUnpublished: "Penerbitan entri dibatalkan",
      onFailToPublishEntry: "Gagal menerbitkan: %{details}",
      onFailToUnpublishEntry: "Penerbitan entri gagal dibatalkan: %{details}",
      entryUpdated: "Status entri diperbarui",
      onDeleteUnpublishedChanges: "Perubahan yang belum terbit dihapus",
      noteAdded: "Catatan ditambahkan",
      onFailToAddNote: "Catatan gagal ditambahkan: %{details}",
      noteUpdated: "Catatan diperbarui",
      onFailToUpdateNote: "Catatan gagal diperbarui: %{details}",
      noteDeleted: "Catatan dihapus",
      onFailToDeleteNote: "Catatan gagal dihapus: %{details}",
      noteResolved: "Catatan ditandai selesai",
      noteReopened: "Catatan dibuka lagi",
      onFailToToggleNote: "Status catatan gagal diubah: %{details}",
      onFailToAuth: "%{details}",
      onLoggedOut: "Anda sudah keluar. Amankan dulu isian Anda, lalu masuk lagi",
      onBackendDown:
        "Layanan backend sedang terganggu. Lihat %{details} untuk keterangan lebih lanjut",
    },
  },
  workflow: {
    workflow: {
      loading: "Memuat entri alur kerja redaksi",
      workflowHeading: "Alur kerja redaksi",
      newPost: "Entri baru",
      // Indonesian nouns have one form: no "||||" plural variant.
      description: "%{smart_count} entri menunggu ditinjau, %{readyCount} siap terbit.",
      dateFormat: "D MMMM",
    },
    workflowCard: {
      lastChange: "%{date} oleh %{author}",
      lastChangeNoAuthor: "%{date}",
      lastChangeNoDate: "oleh %{author}",
      deleteChanges: "Hapus perubahan",
      deleteNewEntry: "Hapus entri baru",
      publishChanges: "Terbitkan perubahan",
      publishNewEntry: "Terbitkan entri baru",
    },
    workflowList: {
      onDeleteEntry: "Yakin ingin menghapus entri ini?",
      onPublishingNotReadyEntry:
        'Hanya entri berstatus "Siap" yang bisa diterbitkan. Seret kartunya ke kolom "Siap" dulu.',
      onPublishEntry: "Yakin ingin menerbitkan entri ini?",
      draftHeader: "Draf",
      inReviewHeader: "Ditinjau",
      readyHeader: "Siap",
      currentEntries: "%{smart_count} entri",
    },
  },
});
