#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window as a screen reader gets it: the real executable on an AT-SPI bus of
its own, its accessible tree read through AT-SPI (what Orca reads), and Tab
pressed for real (XTest through the AT-SPI registry).

usage: check-a11y.py RUN_OR_REST   (run under dbus-run-session and an X display)

Fails on: a focusable object without a useful name (empty, a class name such as
"GtkButton", a mnemonic underscore); a container without a role of its own named
after its class ("GtkFrame", "RrAssessmentPage"); a spot on the map whose chosen
state is not exposed, or that cannot be toggled through its action; a verdict not
reached within three Tabs of the map, in each of the three layouts. Prints TAP.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, GLib  # noqa: E402

# Two spots at different levels: the answer is "Ease off".
PRESET = ['--region=left-knee-front:5', '--region=right-heel:3']
# Window widths of the three layouts (rr-window.c: narrow below 700, wide from 1180).
LAYOUTS = {'wide': (1200, 780), 'medium': (1000, 740), 'narrow': (600, 780)}
# What GTK draws inside a control is its own: a screen reader presents the control.
LEAF_ROLES = {Atspi.Role.CHECK_BOX, Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON,
              Atspi.Role.SCROLL_BAR, Atspi.Role.SLIDER, Atspi.Role.PAGE_TAB,
              Atspi.Role.RADIO_BUTTON, Atspi.Role.ENTRY, Atspi.Role.TEXT,
              Atspi.Role.SPIN_BUTTON, Atspi.Role.COMBO_BOX, Atspi.Role.LINK}
ROLELESS = {Atspi.Role.FILLER, Atspi.Role.PANEL, Atspi.Role.UNKNOWN,
            Atspi.Role.TABLE_CELL, Atspi.Role.SECTION, Atspi.Role.INVALID}
CLASS_NAME = re.compile(r'^(Gtk|Rr|Adw)[A-Z]\w*$')

results = []


def check(ok, what, detail=''):
    results.append((bool(ok), what, detail))
    return ok


def wait_for(predicate, seconds=30.0):
    """Polls until @predicate is true; the bound is a deadlock guard, not a timing."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        # events come in through the main context
        while GLib.MainContext.default().iteration(False):
            pass
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    return None


def states(acc):
    return acc.get_state_set()


def walk(acc, parents=()):
    """(object, its ancestors) for every object under @acc."""
    yield acc, parents
    for i in range(acc.get_child_count()):
        child = acc.get_child_at_index(i)
        if child is not None:
            yield from walk(child, parents + (acc,))


def find_app(pid):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        try:
            if app is not None and app.get_process_id() == pid and app.get_child_count() > 0:
                return app
        except GLib.Error:
            pass
    return None


# The object that took the focus last, from the focus events: GTK 4.8 leaves the
# "focused" state on objects the focus has left.
last_focus = {}


def on_focus(event):
    if event.detail1 == 1:
        last_focus['object'] = event.source


focus_listener = Atspi.EventListener.new(on_focus)


def focused(app):
    if 'object' in last_focus:
        return last_focus['object']
    for acc, _ in walk(app):
        if states(acc).contains(Atspi.StateType.FOCUSED):
            return acc
    return None


def describe(acc, parents=()):
    path = ' > '.join(f'{p.get_role_name()} "{p.get_name()}"' for p in parents[-3:])
    return f'{acc.get_role_name()} "{acc.get_name()}" (in {path})'


def check_names(app, layout):
    bad_focusable, bad_container = [], []
    for acc, parents in walk(app):
        if any(p.get_role() in LEAF_ROLES for p in parents):
            continue
        name = acc.get_name() or ''
        role = acc.get_role()
        if states(acc).contains(Atspi.StateType.FOCUSABLE):
            if not name.strip() or CLASS_NAME.match(name) or re.search(r'(^|\s)_\w', name):
                bad_focusable.append(describe(acc, parents))
        elif role in ROLELESS and CLASS_NAME.match(name):
            bad_container.append(describe(acc, parents))
    check(not bad_focusable, f'{layout}: every focusable object has a useful name',
          '; '.join(bad_focusable[:10]))
    check(not bad_container, f'{layout}: no container is named after its class',
          '; '.join(bad_container[:10]))


def spots(app):
    """The interactive map's spots, by name."""
    for acc, _ in walk(app):
        # a group: "panel" on GTK 4.8, "grouping" on newer GTK
        if acc.get_name() == 'Body map' and acc.get_role() in (Atspi.Role.PANEL, Atspi.Role.GROUPING):
            return {acc.get_child_at_index(i).get_name(): acc.get_child_at_index(i)
                    for i in range(acc.get_child_count())}
    return {}


def chosen(acc):
    """Chosen as a screen reader says it: Orca reads a check box's checked state
    and a toggle button's pressed one, not the pressed state of a push button."""
    s = states(acc)
    return ((acc.get_role() == Atspi.Role.CHECK_BOX and s.contains(Atspi.StateType.CHECKED)) or
            (acc.get_role() == Atspi.Role.TOGGLE_BUTTON and s.contains(Atspi.StateType.PRESSED)))


def check_spots(app, layout, expected):
    found = spots(app)
    check(len(found) >= 52, f'{layout}: the map has a spot for every region', f'{len(found)} spots')
    wrong = [name for name, acc in found.items() if chosen(acc) != (name in expected)]
    check(not wrong, f'{layout}: exactly the chosen spots are exposed as chosen', ', '.join(wrong))
    if layout != 'wide':
        return
    chest = found.get('Chest')
    if not check(chest is not None and chest.get_n_actions() > 0,
                 f'{layout}: a spot has an action to toggle it'):
        return
    chest.do_action(0)
    check(wait_for(lambda: chosen(chest), 10), f'{layout}: its action chooses the spot')
    chest.do_action(0)
    check(wait_for(lambda: not chosen(chest), 10), f'{layout}: and takes it away again')


def press_tab():
    Atspi.generate_keyboard_event(0xff09, None, Atspi.KeySynthType.SYM)  # GDK_KEY_Tab


def in_map(acc):
    return acc is not None and acc.get_parent() is not None and acc.get_parent().get_name() == 'Body map'


def tab(app):
    """Presses Tab; returns what has the focus once it moved (or where it stayed)."""
    before = focused(app)
    press_tab()
    wait_for(lambda: focused(app) is not None and focused(app) != before, 5)
    return focused(app)


def check_tab_to_verdict(app, layout, verdict_name):
    first = tab(app)
    if not check(in_map(first), f'{layout}: the first Tab lands on the map',
                 describe(first) if first else 'no focus'):
        return
    heard = []
    for _ in range(3):
        now = tab(app)
        heard.append(f'{now.get_role_name()} "{now.get_name()}"' if now else 'nothing')
        if now is not None and now.get_name() == verdict_name:
            break
    check(heard and heard[-1] == f'{now.get_role_name()} "{verdict_name}"',
          f'{layout}: the verdict "{verdict_name}" is within three Tabs of the map', ' → '.join(heard))


def run_layout(executable, layout, size, verdict_name, expected):
    with tempfile.TemporaryDirectory() as home:
        config = os.path.join(home, 'config')
        os.makedirs(os.path.join(config, 'glib-2.0', 'settings'))
        with open(os.path.join(config, 'glib-2.0', 'settings', 'keyfile'), 'w') as f:
            f.write('[io/github/runorrest/RunOrRest]\n'
                    f'window-width={size[0]}\nwindow-height={size[1]}\n')
        env = dict(os.environ, GSETTINGS_BACKEND='keyfile', XDG_CONFIG_HOME=config,
                   XDG_DATA_HOME=os.path.join(home, 'data'), GTK_A11Y='atspi',
                   G_DEBUG=os.environ.get('RR_APP_G_DEBUG', 'fatal-warnings'))
        env.pop('NO_AT_BRIDGE', None)
        last_focus.clear()
        app_process = subprocess.Popen([executable] + PRESET, env=env)
        try:
            app = wait_for(lambda: find_app(app_process.pid), 60)
            if not check(app is not None, f'{layout}: the app is on the AT-SPI bus'):
                return
            # the window is up and the guidance in it
            wait_for(lambda: any(a.get_name() == verdict_name for a, _ in walk(app)), 30)
            check_names(app, layout)
            check_tab_to_verdict(app, layout, verdict_name)
            check_spots(app, layout, expected)
        finally:
            app_process.terminate()
            app_process.wait(30)


def main():
    executable = sys.argv[1]
    answer = json.loads(subprocess.run([executable, '--json'] + PRESET, check=True,
                                       capture_output=True, text=True).stdout)
    expected = {region['name'] for region in answer['regions']}

    launcher = None
    for path in ('/usr/libexec/at-spi-bus-launcher', '/usr/lib/at-spi2-core/at-spi-bus-launcher'):
        if os.path.exists(path):
            launcher = subprocess.Popen([path, '--launch-immediately'])
            break
    if launcher is None:
        print('Bail out! no at-spi-bus-launcher: install at-spi2-core')
        return 1
    try:
        Atspi.init()
        focus_listener.register('object:state-changed:focused')
        for layout, size in LAYOUTS.items():
            run_layout(executable, layout, size, answer['verdict_name'], expected)
    finally:
        launcher.terminate()

    print(f'1..{len(results)}')
    for i, (ok, what, detail) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {i} {what}')
        if detail:
            print(f'# {detail}')
    return 0 if all(ok for ok, _, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main())
