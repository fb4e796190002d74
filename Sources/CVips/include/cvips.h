// CVips: a small, non-variadic C shim over the parts of libvips that SinGANImaging uses.
//
// Swift cannot call variadic C functions or the VIPS_INIT macro, and it must never see glib types.
// This header therefore exposes plain C types only: an opaque image handle, ints, doubles, sizes and
// byte buffers. Every function that can fail returns 0 on success and -1 on failure; the failure's
// text is then taken with cvips_take_error_message().
//
// Ownership: every CVipsImage* returned through an out-parameter is a new reference that the caller
// releases with cvips_image_release(). Byte buffers returned through out-parameters were allocated
// by glib and are released with cvips_free().
#ifndef CVIPS_H
#define CVIPS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An opaque libvips image (a VipsImage underneath).
typedef struct CVipsImage CVipsImage;

/// Pixel storage of one band, mirroring the libvips formats this project handles.
typedef enum {
    CVIPS_FORMAT_OTHER = -1,
    CVIPS_FORMAT_UCHAR = 0,
    CVIPS_FORMAT_CHAR = 1,
    CVIPS_FORMAT_USHORT = 2,
    CVIPS_FORMAT_SHORT = 3,
    CVIPS_FORMAT_UINT = 4,
    CVIPS_FORMAT_INT = 5,
    CVIPS_FORMAT_FLOAT = 6,
    CVIPS_FORMAT_DOUBLE = 8,
} CVipsFormat;

/// How the bands of an image are to be understood (a subset of VipsInterpretation).
typedef enum {
    CVIPS_INTERPRETATION_OTHER = 0,
    CVIPS_INTERPRETATION_MULTIBAND = 1,
    CVIPS_INTERPRETATION_GREY = 2,
    CVIPS_INTERPRETATION_SRGB = 3,
    CVIPS_INTERPRETATION_RGB16 = 4,
    CVIPS_INTERPRETATION_GREY16 = 5,
    CVIPS_INTERPRETATION_CMYK = 6,
} CVipsInterpretation;

/// How an image is extended past its edges by cvips_embed.
typedef enum {
    CVIPS_EXTEND_BLACK = 0,
    CVIPS_EXTEND_COPY = 1,
} CVipsExtend;

// MARK: Start-up, errors, memory

/// Starts libvips once per process (VIPS_INIT); later calls return the first call's result.
int cvips_initialize(void);

/// The accumulated libvips error text (possibly several lines), which is then cleared.
/// Never NULL; release it with cvips_free().
char *cvips_take_error_message(void);

/// The warnings libvips and glib logged since the last call (kept instead of printed), one per
/// line; never NULL; release it with cvips_free().
char *cvips_take_warnings(void);

/// Releases a buffer that this shim returned (glib memory).
void cvips_free(void *buffer);

/// Releases one reference to an image. NULL is ignored.
void cvips_image_release(CVipsImage *image);

// MARK: Loading and saving

/// Opens the image file at `path` (no "[options]" parsing of the path). With `all_pages` non-zero,
/// every page or frame is loaded, stacked vertically (libvips option n = -1).
int cvips_load_file(const char *path, int all_pages, CVipsImage **out);

/// Opens the image file at `path` reduced while decoding so that it fits in `max_width` x
/// `max_height`, aspect ratio kept (vips_thumbnail: shrink-on-load where the format allows it,
/// then Lanczos-3; never enlarged, no EXIF rotation, CMYK converted to sRGB). Streams the file,
/// so memory stays bounded by the output size whatever the input size.
int cvips_thumbnail_file(const char *path, int max_width, int max_height, CVipsImage **out);

/// Wraps a copy of interleaved pixels (row-major, bands innermost) as an image.
int cvips_image_from_memory(const void *pixels, size_t byte_count, int width, int height,
                            int bands, CVipsFormat format, CVipsImage **out);

/// Decodes the whole image into interleaved pixels. `*pixels` is released with cvips_free().
int cvips_image_write_to_memory(CVipsImage *image, void **pixels, size_t *byte_count);

/// Encodes the image in the format named by `suffix` (e.g. ".png", ".jpg[Q=95]").
/// `*bytes` is released with cvips_free().
int cvips_image_write_to_buffer(CVipsImage *image, const char *suffix, void **bytes,
                                size_t *byte_count);

/// Whether libvips has a buffer saver for `suffix` (e.g. ".webp"). Clears any error it causes.
int cvips_has_saver_for_suffix(const char *suffix);

// MARK: Header facts and metadata

int cvips_image_width(const CVipsImage *image);
int cvips_image_height(const CVipsImage *image);
int cvips_image_bands(const CVipsImage *image);
CVipsFormat cvips_image_format(const CVipsImage *image);
CVipsInterpretation cvips_image_interpretation(const CVipsImage *image);
/// Non-zero when libvips considers the last band an alpha channel.
int cvips_image_has_alpha(const CVipsImage *image);
/// Height of one page or frame (the whole height for single-page images).
int cvips_image_page_height(CVipsImage *image);
/// Number of pages or frames in the file the image came from (1 when unknown).
int cvips_image_page_count(CVipsImage *image);

/// Reads integer metadata `name`. Returns 0 and sets `*value` when present, -1 otherwise.
int cvips_image_get_int(CVipsImage *image, const char *name, int *value);
/// Reads integer-array metadata `name`: copies at most `capacity` entries into `values` and sets
/// `*count` to the full length. Returns 0 when present, -1 otherwise.
int cvips_image_get_int_array(CVipsImage *image, const char *name, int *values, int capacity,
                              int *count);
/// Sets integer metadata on an image that the caller owns exclusively (fresh from memory).
void cvips_image_set_int(CVipsImage *image, const char *name, int value);
/// Sets integer-array metadata on an image that the caller owns exclusively.
void cvips_image_set_int_array(CVipsImage *image, const char *name, const int *values, int count);

// MARK: Operations (each returns a new image in *out)

/// Converts to another colour space (vips_colourspace), e.g. CMYK or Lab to sRGB.
int cvips_colourspace(CVipsImage *in, CVipsInterpretation space, CVipsImage **out);
/// Casts the pixel format, clipping to the new range (vips_cast).
int cvips_cast(CVipsImage *in, CVipsFormat format, CVipsImage **out);
/// Places the image at (x, y) in a width x height canvas, filling the rest by `extend`.
int cvips_embed(CVipsImage *in, int x, int y, int width, int height, CVipsExtend extend,
                CVipsImage **out);
/// Cuts out a rectangle (vips_extract_area).
int cvips_extract_area(CVipsImage *in, int left, int top, int width, int height,
                       CVipsImage **out);
/// Separable convolution with float arithmetic: the 1 x `length` kernel is applied along x and
/// then along y (vips_convsep, precision float, scale 1, offset 0).
int cvips_convolve_separable(CVipsImage *in, const double *kernel, int length, CVipsImage **out);
/// Morphological dilation with a `size` x `size` structuring element (row-major; 255 = set,
/// 128 = don't care, 0 = must be clear), as vips_morph.
int cvips_dilate(CVipsImage *in, const double *element, int size, CVipsImage **out);
/// Resamples by independent horizontal and vertical factors (vips_resize, lanczos3).
int cvips_resize(CVipsImage *in, double horizontal_scale, double vertical_scale,
                 CVipsImage **out);
/// Lays `count` images out in a grid `across` wide (vips_arrayjoin), `spacing` pixels apart,
/// centred in equal cells, empty space filled with `background` in every band.
int cvips_array_join(CVipsImage *const *images, int count, int across, int spacing,
                     double background, CVipsImage **out);

#ifdef __cplusplus
}
#endif

#endif // CVIPS_H
