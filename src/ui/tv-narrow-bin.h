/* tv-narrow-bin.h: a bin that tells whether it is narrow.
 *
 * Property "narrow": TRUE while the bin is allocated less than "threshold"
 * pixels across.  It changes in size_allocate, before the child is
 * allocated, so that whoever follows it (a notify handler that moves
 * widgets around) lays the child out for the new width at once; the child
 * is measured again then.  While wide, the bin says it can be as narrow as
 * "narrowest" (so that a window can be made narrow at all) and measures
 * its height for no less than the wide layout's width, as AdwLeaflet does
 * when it folds.  libadwaita 1.2 has no breakpoints: where libadwaita has
 * them (1.4), tv-compat.c's breakpoint sets "narrow" instead. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TV_TYPE_NARROW_BIN (tv_narrow_bin_get_type ())
G_DECLARE_FINAL_TYPE (TvNarrowBin, tv_narrow_bin, TV, NARROW_BIN, GtkWidget)

GtkWidget *tv_narrow_bin_new            (void);
void       tv_narrow_bin_set_child      (TvNarrowBin *self,
                                         GtkWidget   *child);
GtkWidget *tv_narrow_bin_get_child      (TvNarrowBin *self);
gboolean   tv_narrow_bin_get_narrow     (TvNarrowBin *self);
/* The layout for @width before the bin is allocated (a window's default
 * width, before it is shown): laid out wide first, a narrow window would
 * be made wider than asked. */
void       tv_narrow_bin_set_width_hint (TvNarrowBin *self,
                                         int          width);

G_END_DECLS
