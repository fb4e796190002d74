// Implementation of the CVips shim: each function forwards to one libvips call with fixed options.
#include <pthread.h>
#include <string.h>
#include <vips/vips.h>

#include "cvips.h"

#define AS_VIPS(image) ((VipsImage *)(image))
#define AS_SHIM(image) ((CVipsImage *)(image))

// MARK: Start-up, errors, memory

static pthread_once_t cvips_start_once = PTHREAD_ONCE_INIT;
static int cvips_start_result = -1;

// libvips and glib report recoverable problems (a truncated JPEG, say) as log warnings that glib
// prints to stderr. The tool prints one `error:` line per failure instead, so warnings are kept
// here (the latest few kilobytes) and added to the error text when an operation fails.
static pthread_mutex_t cvips_warning_lock = PTHREAD_MUTEX_INITIALIZER;
static GString *cvips_warnings = NULL;
enum { CVIPS_WARNING_LIMIT = 4096 };

static void cvips_keep_warning(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void)domain; (void)level; (void)data;
    pthread_mutex_lock(&cvips_warning_lock);
    if (cvips_warnings == NULL) cvips_warnings = g_string_new(NULL);
    if (cvips_warnings->len < CVIPS_WARNING_LIMIT) {
        if (cvips_warnings->len > 0) g_string_append_c(cvips_warnings, '\n');
        g_string_append(cvips_warnings, message != NULL ? message : "");
    }
    pthread_mutex_unlock(&cvips_warning_lock);
}

char *cvips_take_warnings(void) {
    pthread_mutex_lock(&cvips_warning_lock);
    char *text = g_strdup(cvips_warnings != NULL ? cvips_warnings->str : "");
    if (cvips_warnings != NULL) g_string_truncate(cvips_warnings, 0);
    pthread_mutex_unlock(&cvips_warning_lock);
    return text;
}

static void cvips_start(void) {
    GLogLevelFlags levels = G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE;
    g_log_set_handler("VIPS", levels, cvips_keep_warning, NULL);
    g_log_set_handler(NULL, levels, cvips_keep_warning, NULL);
    g_log_set_handler("GLib", levels, cvips_keep_warning, NULL);
    g_log_set_handler("GLib-GObject", levels, cvips_keep_warning, NULL);
    cvips_start_result = VIPS_INIT("singan-edit") == 0 ? 0 : -1;
}

int cvips_initialize(void) {
    pthread_once(&cvips_start_once, cvips_start);
    return cvips_start_result;
}

char *cvips_take_error_message(void) {
    // vips_error_buffer_copy returns a g_strdup'd copy and clears the buffer.
    char *message = vips_error_buffer_copy();
    return message != NULL ? message : g_strdup("");
}

void cvips_free(void *buffer) { g_free(buffer); }

void cvips_image_release(CVipsImage *image) {
    if (image != NULL) g_object_unref(AS_VIPS(image));
}

// MARK: Loading and saving

static VipsImage *cvips_open(const char *path, int all_pages) {
    // A source (rather than vips_image_new_from_file) keeps "[...]" in paths from being parsed as
    // load options and never returns a cached decode of an older version of the file.
    VipsSource *source = vips_source_new_from_file(path);
    if (source == NULL) return NULL;
    VipsImage *image = all_pages
        ? vips_image_new_from_source(source, "", "n", -1, "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL)
        : vips_image_new_from_source(source, "", "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
    g_object_unref(source);
    return image;
}

int cvips_load_file(const char *path, int all_pages, CVipsImage **out) {
    VipsImage *image = cvips_open(path, 0);
    if (image == NULL) return -1;
    // Only multi-page formats accept the "n" option, so ask for all pages only when there are some.
    if (all_pages && vips_image_get_n_pages(image) > 1) {
        g_object_unref(image);
        image = cvips_open(path, 1);
        if (image == NULL) return -1;
    }
    *out = AS_SHIM(image);
    return 0;
}

int cvips_thumbnail_file(const char *path, int max_width, int max_height, CVipsImage **out) {
    VipsSource *source = vips_source_new_from_file(path);
    if (source == NULL) return -1;
    VipsImage *image = NULL;
    int result = vips_thumbnail_source(source, &image, max_width, "height", max_height,
                                       "size", VIPS_SIZE_DOWN, "no_rotate", TRUE,
                                       "option_string", "fail_on=truncated", NULL);
    g_object_unref(source);
    if (result != 0) return -1;
    *out = AS_SHIM(image);
    return 0;
}

int cvips_image_from_memory(const void *pixels, size_t byte_count, int width, int height,
                            int bands, CVipsFormat format, CVipsImage **out) {
    VipsImage *image = vips_image_new_from_memory_copy(pixels, byte_count, width, height, bands,
                                                       (VipsBandFormat)format);
    if (image == NULL) return -1;
    *out = AS_SHIM(image);
    return 0;
}

int cvips_image_write_to_memory(CVipsImage *image, void **pixels, size_t *byte_count) {
    size_t size = 0;
    void *memory = vips_image_write_to_memory(AS_VIPS(image), &size);
    if (memory == NULL) return -1;
    *pixels = memory;
    *byte_count = size;
    return 0;
}

int cvips_image_write_to_buffer(CVipsImage *image, const char *suffix, void **bytes,
                                size_t *byte_count) {
    void *buffer = NULL;
    size_t size = 0;
    if (vips_image_write_to_buffer(AS_VIPS(image), suffix, &buffer, &size, NULL) != 0) return -1;
    *bytes = buffer;
    *byte_count = size;
    return 0;
}

int cvips_has_saver_for_suffix(const char *suffix) {
    if (vips_foreign_find_save_buffer(suffix) != NULL) return 1;
    vips_error_clear();
    return 0;
}

// MARK: Header facts and metadata

int cvips_image_width(const CVipsImage *image) { return vips_image_get_width(AS_VIPS(image)); }
int cvips_image_height(const CVipsImage *image) { return vips_image_get_height(AS_VIPS(image)); }
int cvips_image_bands(const CVipsImage *image) { return vips_image_get_bands(AS_VIPS(image)); }

CVipsFormat cvips_image_format(const CVipsImage *image) {
    switch (vips_image_get_format(AS_VIPS(image))) {
    case VIPS_FORMAT_UCHAR: return CVIPS_FORMAT_UCHAR;
    case VIPS_FORMAT_CHAR: return CVIPS_FORMAT_CHAR;
    case VIPS_FORMAT_USHORT: return CVIPS_FORMAT_USHORT;
    case VIPS_FORMAT_SHORT: return CVIPS_FORMAT_SHORT;
    case VIPS_FORMAT_UINT: return CVIPS_FORMAT_UINT;
    case VIPS_FORMAT_INT: return CVIPS_FORMAT_INT;
    case VIPS_FORMAT_FLOAT: return CVIPS_FORMAT_FLOAT;
    case VIPS_FORMAT_DOUBLE: return CVIPS_FORMAT_DOUBLE;
    default: return CVIPS_FORMAT_OTHER;
    }
}

CVipsInterpretation cvips_image_interpretation(const CVipsImage *image) {
    switch (vips_image_get_interpretation(AS_VIPS(image))) {
    case VIPS_INTERPRETATION_MULTIBAND: return CVIPS_INTERPRETATION_MULTIBAND;
    case VIPS_INTERPRETATION_B_W: return CVIPS_INTERPRETATION_GREY;
    case VIPS_INTERPRETATION_sRGB: return CVIPS_INTERPRETATION_SRGB;
    case VIPS_INTERPRETATION_RGB: return CVIPS_INTERPRETATION_SRGB;
    case VIPS_INTERPRETATION_RGB16: return CVIPS_INTERPRETATION_RGB16;
    case VIPS_INTERPRETATION_GREY16: return CVIPS_INTERPRETATION_GREY16;
    case VIPS_INTERPRETATION_CMYK: return CVIPS_INTERPRETATION_CMYK;
    default: return CVIPS_INTERPRETATION_OTHER;
    }
}

static VipsInterpretation cvips_vips_interpretation(CVipsInterpretation space) {
    switch (space) {
    case CVIPS_INTERPRETATION_MULTIBAND: return VIPS_INTERPRETATION_MULTIBAND;
    case CVIPS_INTERPRETATION_GREY: return VIPS_INTERPRETATION_B_W;
    case CVIPS_INTERPRETATION_RGB16: return VIPS_INTERPRETATION_RGB16;
    case CVIPS_INTERPRETATION_GREY16: return VIPS_INTERPRETATION_GREY16;
    case CVIPS_INTERPRETATION_CMYK: return VIPS_INTERPRETATION_CMYK;
    default: return VIPS_INTERPRETATION_sRGB;
    }
}

int cvips_image_has_alpha(const CVipsImage *image) {
    return vips_image_hasalpha(AS_VIPS(image)) ? 1 : 0;
}

int cvips_image_page_height(CVipsImage *image) {
    return vips_image_get_page_height(AS_VIPS(image));
}

int cvips_image_page_count(CVipsImage *image) { return vips_image_get_n_pages(AS_VIPS(image)); }

int cvips_image_get_int(CVipsImage *image, const char *name, int *value) {
    if (vips_image_get_typeof(AS_VIPS(image), name) == 0) return -1;
    if (vips_image_get_int(AS_VIPS(image), name, value) != 0) {
        vips_error_clear();
        return -1;
    }
    return 0;
}

int cvips_image_get_int_array(CVipsImage *image, const char *name, int *values, int capacity,
                              int *count) {
    if (vips_image_get_typeof(AS_VIPS(image), name) == 0) return -1;
    int *array = NULL;
    int length = 0;
    if (vips_image_get_array_int(AS_VIPS(image), name, &array, &length) != 0) {
        vips_error_clear();
        return -1;
    }
    int copied = length < capacity ? length : capacity;
    if (copied > 0) memcpy(values, array, (size_t)copied * sizeof(int));
    *count = length;
    return 0;
}

void cvips_image_set_int(CVipsImage *image, const char *name, int value) {
    vips_image_set_int(AS_VIPS(image), name, value);
}

void cvips_image_set_int_array(CVipsImage *image, const char *name, const int *values, int count) {
    vips_image_set_array_int(AS_VIPS(image), name, values, count);
}

// MARK: Operations

#define CVIPS_RETURN_OUT(call)                 \
    do {                                       \
        VipsImage *result = NULL;              \
        if ((call) != 0) return -1;            \
        *out = AS_SHIM(result);                \
        return 0;                              \
    } while (0)

int cvips_colourspace(CVipsImage *in, CVipsInterpretation space, CVipsImage **out) {
    CVIPS_RETURN_OUT(vips_colourspace(AS_VIPS(in), &result, cvips_vips_interpretation(space), NULL));
}

int cvips_cast(CVipsImage *in, CVipsFormat format, CVipsImage **out) {
    CVIPS_RETURN_OUT(vips_cast(AS_VIPS(in), &result, (VipsBandFormat)format, NULL));
}

int cvips_embed(CVipsImage *in, int x, int y, int width, int height, CVipsExtend extend,
                CVipsImage **out) {
    VipsExtend mode = extend == CVIPS_EXTEND_COPY ? VIPS_EXTEND_COPY : VIPS_EXTEND_BLACK;
    CVIPS_RETURN_OUT(vips_embed(AS_VIPS(in), &result, x, y, width, height, "extend", mode, NULL));
}

int cvips_extract_area(CVipsImage *in, int left, int top, int width, int height,
                       CVipsImage **out) {
    CVIPS_RETURN_OUT(vips_extract_area(AS_VIPS(in), &result, left, top, width, height, NULL));
}

int cvips_convolve_separable(CVipsImage *in, const double *kernel, int length, CVipsImage **out) {
    VipsImage *mask = vips_image_new_matrix_from_array(length, 1, kernel, length);
    if (mask == NULL) return -1;
    VipsImage *result = NULL;
    int status = vips_convsep(AS_VIPS(in), &result, mask, "precision", VIPS_PRECISION_FLOAT, NULL);
    g_object_unref(mask);
    if (status != 0) return -1;
    *out = AS_SHIM(result);
    return 0;
}

int cvips_dilate(CVipsImage *in, const double *element, int size, CVipsImage **out) {
    VipsImage *mask = vips_image_new_matrix_from_array(size, size, element, size * size);
    if (mask == NULL) return -1;
    VipsImage *result = NULL;
    int status = vips_morph(AS_VIPS(in), &result, mask, VIPS_OPERATION_MORPHOLOGY_DILATE, NULL);
    g_object_unref(mask);
    if (status != 0) return -1;
    *out = AS_SHIM(result);
    return 0;
}

int cvips_resize(CVipsImage *in, double horizontal_scale, double vertical_scale,
                 CVipsImage **out) {
    CVIPS_RETURN_OUT(vips_resize(AS_VIPS(in), &result, horizontal_scale, "vscale", vertical_scale,
                                 "kernel", VIPS_KERNEL_LANCZOS3, NULL));
}

int cvips_array_join(CVipsImage *const *images, int count, int across, int spacing,
                     double background, CVipsImage **out) {
    VipsArrayDouble *fill = vips_array_double_newv(1, background);
    VipsImage *result = NULL;
    int status = vips_arrayjoin((VipsImage **)images, &result, count, "across", across,
                                "shim", spacing, "background", fill, "halign", VIPS_ALIGN_CENTRE,
                                "valign", VIPS_ALIGN_CENTRE, NULL);
    vips_area_unref(VIPS_AREA(fill));
    if (status != 0) return -1;
    *out = AS_SHIM(result);
    return 0;
}
