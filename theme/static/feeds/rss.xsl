<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shows an RSS feed of the newsroom as a page when a person opens it in a
  browser: what a feed is, how to subscribe, and the items it holds.
  Feed readers ignore it. XSLT 1.0, no scripts, no other host.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  exclude-result-prefixes="atom dc">
  <xsl:output method="html" encoding="UTF-8" indent="yes"
    doctype-system="about:legacy-compat"/>

  <xsl:variable name="self" select="/rss/channel/atom:link[@rel='self']/@href"/>
  <xsl:variable name="site" select="substring-before($self, '/feeds/')"/>

  <xsl:template match="/">
    <html lang="id">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>Feed: <xsl:value-of select="rss/channel/title"/></title>
        <link rel="stylesheet" href="{$site}/theme/css/main.css"/>
        <link rel="stylesheet" href="{$site}/theme/css/components/feed.css"/>
      </head>
      <body>
        <a class="bsf-skip" href="#main-content">Langsung ke isi utama</a>
        <header class="bsf-header">
          <div class="bsf-header__inner">
            <p class="bsf-header__brand">
              <a class="bsf-header__home" href="{$site}/">
                <xsl:value-of select="rss/channel/image/title"/>
              </a>
            </p>
          </div>
        </header>
        <main id="main-content" class="bsf-main" tabindex="-1">
          <xsl:apply-templates select="rss/channel"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="channel">
    <div class="bsf-feedpage">
      <p class="bsf-feedpage__kind">Feed RSS</p>
      <h1 class="bsf-page-title"><xsl:value-of select="title"/></h1>
      <p class="bsf-lead"><xsl:value-of select="description"/></p>

      <section class="bsf-feedpage__about" aria-labelledby="bsf-feedpage-what">
        <h2 class="bsf-section-title" id="bsf-feedpage-what">Apa ini?</h2>
        <p>Halaman ini adalah <strong>feed</strong>: daftar berita terbaru dalam format
          yang dibaca mesin. Aplikasi pembaca berita dan sistem redaksi memeriksanya
          secara berkala, sehingga berita baru langsung sampai tanpa perlu membuka situs.</p>
        <h2 class="bsf-section-title" id="bsf-feedpage-how">Cara berlangganan</h2>
        <ol>
          <li>Salin alamat feed ini:
            <code class="bsf-feedpage__url"><xsl:value-of select="$self"/></code></li>
          <li>Tempelkan di aplikasi pembaca feed (misalnya Feedly, Inoreader atau
            NetNewsWire) atau di modul impor feed sistem redaksi Anda.</li>
        </ol>
        <p>Semua feed, termasuk per OPD dan per kategori, ada di halaman
          <a href="{$site}/langganan/">Langganan berita</a>.
          Kembali ke <a href="{link}">halaman situs</a>.</p>
      </section>

      <section aria-labelledby="bsf-feedpage-items">
        <h2 class="bsf-section-title" id="bsf-feedpage-items">Isi feed ini</h2>
        <xsl:choose>
          <xsl:when test="item">
            <ul class="bsf-cards" role="list">
              <xsl:apply-templates select="item"/>
            </ul>
          </xsl:when>
          <xsl:otherwise>
            <p class="bsf-empty">Belum ada berita.</p>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </div>
  </xsl:template>

  <xsl:template match="item">
    <li class="bsf-cards__item">
      <article>
        <xsl:attribute name="class">
          <xsl:text>bsf-card</xsl:text>
          <xsl:if test="category[. = 'Advertorial']"> bsf-card--adv</xsl:if>
        </xsl:attribute>
        <p class="bsf-card__meta">
          <xsl:if test="category[. = 'Advertorial']">
            <span class="bsf-label bsf-label--adv">Advertorial</span>
          </xsl:if>
          <xsl:call-template name="date">
            <xsl:with-param name="rfc822" select="pubDate"/>
          </xsl:call-template>
        </p>
        <h3 class="bsf-card__title"><a href="{link}"><xsl:value-of select="title"/></a></h3>
        <p class="bsf-card__summary">
          <xsl:call-template name="strip-tags">
            <xsl:with-param name="html" select="description"/>
          </xsl:call-template>
        </p>
      </article>
    </li>
  </xsl:template>

  <!-- "Fri, 13 Mar 2020 09:00:00 +0800" -> <time datetime="2020-03-13T09:00:00+08:00">13 Maret 2020, 09.00 WITA</time> -->
  <xsl:template name="date">
    <xsl:param name="rfc822"/>
    <xsl:variable name="rest" select="normalize-space(substring-after($rfc822, ','))"/>
    <xsl:variable name="day" select="substring-before($rest, ' ')"/>
    <xsl:variable name="rest2" select="substring-after($rest, ' ')"/>
    <xsl:variable name="mon" select="substring-before($rest2, ' ')"/>
    <xsl:variable name="rest3" select="substring-after($rest2, ' ')"/>
    <xsl:variable name="year" select="substring-before($rest3, ' ')"/>
    <xsl:variable name="rest4" select="substring-after($rest3, ' ')"/>
    <xsl:variable name="clock" select="substring-before($rest4, ' ')"/>
    <xsl:variable name="zone" select="substring-after($rest4, ' ')"/>
    <xsl:variable name="months" select="'JanFebMarAprMayJunJulAugSepOctNovDec'"/>
    <xsl:variable name="number" select="(string-length(substring-before($months, $mon)) div 3) + 1"/>
    <xsl:variable name="names" select="'Januari  Februari Maret    April    Mei      Juni     Juli     Agustus  SeptemberOktober  November Desember '"/>
    <time datetime="{$year}-{format-number($number, '00')}-{format-number($day, '00')}T{$clock}{substring($zone, 1, 3)}:{substring($zone, 4, 2)}">
      <xsl:value-of select="number($day)"/>
      <xsl:text> </xsl:text>
      <xsl:value-of select="normalize-space(substring($names, ($number - 1) * 9 + 1, 9))"/>
      <xsl:text> </xsl:text>
      <xsl:value-of select="$year"/>
      <xsl:text>, </xsl:text>
      <xsl:value-of select="translate(substring($clock, 1, 5), ':', '.')"/>
      <xsl:text> WITA</xsl:text>
    </time>
  </xsl:template>

  <!-- The summary is HTML inside text: show its words only. -->
  <xsl:template name="strip-tags">
    <xsl:param name="html"/>
    <xsl:choose>
      <xsl:when test="contains($html, '&lt;')">
        <xsl:value-of select="substring-before($html, '&lt;')"/>
        <xsl:call-template name="strip-tags">
          <xsl:with-param name="html" select="substring-after(substring-after($html, '&lt;'), '&gt;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$html"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
