#ifndef SWITCHBOARD_CNCURSESW_SHIM_H
#define SWITCHBOARD_CNCURSESW_SHIM_H

// The wide-character build of ncurses: cchar_t, wide strings and extended colours.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift cannot import ncurses' global variables that are macros over functions, its
// function-like macros, or its attribute and mouse-mask macros built from NCURSES_BITS.
// Each is exposed here as a small static inline function with an `sb_` prefix.

static inline WINDOW *sb_stdscr(void) { return stdscr; }
static inline int sb_lines(void) { return LINES; }
static inline int sb_cols(void) { return COLS; }
static inline int sb_colors(void) { return COLORS; }
static inline int sb_color_pairs(void) { return COLOR_PAIRS; }

// Attribute bits.
static inline attr_t sb_a_normal(void) { return A_NORMAL; }
static inline attr_t sb_a_bold(void) { return A_BOLD; }
static inline attr_t sb_a_dim(void) { return A_DIM; }
static inline attr_t sb_a_reverse(void) { return A_REVERSE; }
static inline attr_t sb_a_underline(void) { return A_UNDERLINE; }
static inline attr_t sb_a_italic(void) { return A_ITALIC; }
static inline attr_t sb_a_standout(void) { return A_STANDOUT; }
static inline attr_t sb_color_pair(int pair) { return COLOR_PAIR(pair); }

// Line-drawing characters (the alternate character set), narrow and wide.
static inline chtype sb_acs_hline(void) { return ACS_HLINE; }
static inline chtype sb_acs_vline(void) { return ACS_VLINE; }
static inline chtype sb_acs_ulcorner(void) { return ACS_ULCORNER; }
static inline chtype sb_acs_urcorner(void) { return ACS_URCORNER; }
static inline chtype sb_acs_llcorner(void) { return ACS_LLCORNER; }
static inline chtype sb_acs_lrcorner(void) { return ACS_LRCORNER; }
static inline const cchar_t *sb_wacs_hline(void) { return WACS_HLINE; }
static inline const cchar_t *sb_wacs_vline(void) { return WACS_VLINE; }
static inline const cchar_t *sb_wacs_ulcorner(void) { return WACS_ULCORNER; }
static inline const cchar_t *sb_wacs_urcorner(void) { return WACS_URCORNER; }
static inline const cchar_t *sb_wacs_llcorner(void) { return WACS_LLCORNER; }
static inline const cchar_t *sb_wacs_lrcorner(void) { return WACS_LRCORNER; }

// Mouse masks.
static inline mmask_t sb_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t sb_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t sb_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t sb_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t sb_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t sb_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline mmask_t sb_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t sb_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }

// Function keys: KEY_F(n) is a function-like macro.
static inline int sb_key_f(int n) { return KEY_F(n); }

// Writes one UTF-8 string at a position with attributes and an extended colour pair.
// Returns ERR when the string does not fit; ncurses clips at the right margin.
static inline int sb_put_utf8(int y, int x, const char *text, attr_t attrs, int pair) {
    attr_set(attrs, (short)0, (void *)&pair);
    return mvaddstr(y, x, text);
}

// Reads a pending mouse event: position and button state. Returns ERR when there is none.
static inline int sb_getmouse(int *x, int *y, mmask_t *buttons) {
    MEVENT event;
    if (getmouse(&event) != OK) return ERR;
    *x = event.x;
    *y = event.y;
    *buttons = event.bstate;
    return OK;
}

// Sets the attributes and extended colour pair used by the next writes.
static inline void sb_set_attributes(attr_t attrs, int pair) {
    attr_set(attrs, (short)0, (void *)&pair);
}

#endif
