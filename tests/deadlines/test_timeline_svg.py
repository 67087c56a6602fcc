"""Geometry of the 104-week SVG timeline: pure, no database."""

from __future__ import annotations

from datetime import date, timedelta

from deadlines.timeline_svg import STATUS_COLOURS, MarkerInput, timeline_geometry

EZD = date(2025, 1, 6)


def _geometry(today: date, markers=(), **kwargs):
    return timeline_geometry(
        first_sick_day=EZD, today=today, markers=list(markers), width=840, margin=20, **kwargs
    )


def test_axis_runs_over_104_weeks_with_quarterly_ticks():
    geometry = _geometry(EZD)
    assert (geometry.axis_x0, geometry.axis_x1) == (20.0, 820.0)
    assert [t.label for t in geometry.ticks] == [
        f"wk {w}" for w in (0, 13, 26, 39, 52, 65, 78, 91, 104)
    ]
    assert geometry.ticks[4].x == 420.0  # week 52 halfway


def test_the_phone_variant_has_half_yearly_ticks():
    geometry = _geometry(EZD, tick_weeks=26)
    assert [(t.label, t.x) for t in geometry.ticks] == [
        ("wk 0", 20.0),
        ("wk 26", 220.0),
        ("wk 52", 420.0),
        ("wk 78", 620.0),
        ("wk 104", 820.0),
    ]


def test_elapsed_shading_and_today_marker():
    halfway = EZD + timedelta(days=364)
    geometry = _geometry(halfway)
    assert geometry.today_x == 420.0
    assert geometry.elapsed_width == 400.0
    before = _geometry(EZD - timedelta(days=3))
    assert (before.today_x, before.elapsed_width) == (None, 0.0)
    after = _geometry(EZD + timedelta(days=900))
    assert after.today_x is None and after.elapsed_width == 800.0


def test_markers_coloured_by_status_with_tooltip_and_undated_left_out():
    geometry = _geometry(
        EZD + timedelta(days=50),
        [
            MarkerInput(
                "problem_analysis", "Probleemanalyse", date(2025, 2, 16), "done", "Afgerond"
            ),
            MarkerInput("action_plan", "Plan van aanpak", date(2025, 3, 2), "overdue", "Te laat"),
            MarkerInput("next_progress_review", "Voortgangsgesprek", None, "not_applicable"),
        ],
    )
    assert [m.key for m in geometry.markers] == ["problem_analysis", "action_plan"]
    pa, plan = geometry.markers
    assert pa.colour == STATUS_COLOURS["done"] and plan.colour == STATUS_COLOURS["overdue"]
    assert pa.title == "Probleemanalyse: 16-02-2025 (Afgerond)"
    assert pa.x == round(20 + 41 / 728 * 800, 1)


def test_close_markers_alternate_rows_and_far_dates_are_clamped():
    geometry = _geometry(
        EZD,
        [
            MarkerInput("reintegration_report", "RIV", date(2026, 9, 27), "open"),
            MarkerInput("wia_application", "WIA", date(2026, 9, 29), "open"),
            MarkerInput("wage_payment_end", "Einde loon", date(2030, 1, 1), "open"),
        ],
    )
    riv, wia, wage = geometry.markers
    assert riv.y != wia.y
    assert wage.x == 820.0


def test_extended_waiting_period_rescales_axis():
    end = EZD + timedelta(days=819)  # a span of 820 days instead of 728
    geometry = _geometry(EZD + timedelta(days=410), end=end)
    assert geometry.today_x == 420.0


def test_the_svg_markup_draws_the_geometry_and_escapes_every_text():
    from deadlines.timeline_svg_html import timeline_svg_html

    geometry = _geometry(
        EZD + timedelta(days=364),
        [MarkerInput("action_plan", "Plan <b>&</b>", date(2025, 3, 2), "overdue", "Te laat")],
        aria_label='Tijdlijn "A" & <B>',
    )
    html = timeline_svg_html(geometry, 'd-none"x')
    assert html.startswith('<svg class="w-100 h-auto d-none&quot;x" viewBox="0 0 840 90"')
    assert 'aria-label="Tijdlijn &quot;A&quot; &amp; &lt;B&gt;"' in html
    assert "<b>" not in html and "Plan &lt;b&gt;&amp;&lt;/b&gt;: 02-03-2025 (Te laat)" in html
    assert html.count("<circle ") == 1 and 'data-status="overdue"' in html
    assert html.count("<text ") == len(geometry.ticks) + 1  # the weeks and "vandaag"
    assert '<line x1="420.0" y1="4"' in html  # today halfway
    assert f'fill="{STATUS_COLOURS["overdue"]}"' in html
    no_today = timeline_svg_html(_geometry(EZD - timedelta(days=3)), "d-sm-none")
    assert "vandaag" not in no_today and no_today.count("<text ") == len(geometry.ticks)
