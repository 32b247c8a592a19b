#include <ft2build.h>
#include FT_FREETYPE_H

/* FreeType's flag and test macros, which Swift cannot import. */
static inline FT_Int32 evalkit_ft_load_render(void) { return FT_LOAD_RENDER | FT_LOAD_TARGET_LIGHT; }
static inline int evalkit_ft_has_kerning(FT_Face face) { return FT_HAS_KERNING(face) ? 1 : 0; }
