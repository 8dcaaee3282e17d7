/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rr-assessment.h"

static void
count_cb (RrAssessment *assessment,
          guint        *count)
{
  (*count)++;
}

static void
notify_cb (RrAssessment *assessment,
           GParamSpec   *pspec,
           guint        *count)
{
  (*count)++;
}

static void
test_regions (void)
{
  g_autoptr(RrAssessment) a = rr_assessment_new ();
  guint changes = 0;

  g_signal_connect (a, "changed", G_CALLBACK (count_cb), &changes);

  g_assert_cmpuint (rr_assessment_get_n_regions (a), ==, 0);
  g_assert_null (rr_assessment_get_regions (a)[0]);

  rr_assessment_add_region (a, "left-heel", 3);
  rr_assessment_add_region (a, "right-knee-front", 6);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpstr (rr_assessment_get_regions (a)[0], ==, "left-heel");
  g_assert_cmpstr (rr_assessment_get_regions (a)[1], ==, "right-knee-front");
  g_assert_null (rr_assessment_get_regions (a)[2]);
  g_assert_cmpint (rr_assessment_get_region_level (a, "right-knee-front"), ==, 6);
  g_assert_cmpint (rr_assessment_get_region_level (a, "chest"), ==, -1);
  g_assert_cmpint (rr_assessment_get_max_pain (a), ==, 6);

  /* The same level again is no change. */
  rr_assessment_add_region (a, "left-heel", 3);
  g_assert_cmpuint (changes, ==, 2);
  rr_assessment_add_region (a, "left-heel", 8);
  g_assert_cmpuint (changes, ==, 3);
  g_assert_cmpint (rr_assessment_get_max_pain (a), ==, 8);
  g_assert_cmpuint (rr_assessment_get_n_regions (a), ==, 2);

  rr_assessment_remove_region (a, "left-heel");
  g_assert_false (rr_assessment_has_region (a, "left-heel"));
  g_assert_cmpstr (rr_assessment_get_regions (a)[0], ==, "right-knee-front");
  g_assert_cmpuint (changes, ==, 4);
  rr_assessment_remove_region (a, "left-heel");
  g_assert_cmpuint (changes, ==, 4);

  g_assert_finalize_object (g_steal_pointer (&a));
}

static void
test_pain_and_symptoms (void)
{
  g_autoptr(RrAssessment) a = rr_assessment_new ();
  guint changes = 0;

  g_signal_connect (a, "changed", G_CALLBACK (count_cb), &changes);

  rr_assessment_set_pain (a, 4);
  g_assert_cmpint (rr_assessment_get_pain (a), ==, 4);
  g_assert_cmpint (rr_assessment_get_max_pain (a), ==, 4);
  /* With spots, the overall level no longer counts. */
  rr_assessment_add_region (a, "neck", 2);
  g_assert_cmpint (rr_assessment_get_max_pain (a), ==, 2);

  rr_assessment_set_symptom (a, "limping", TRUE);
  rr_assessment_set_symptom (a, "limping", TRUE);
  rr_assessment_set_symptom (a, "swelling", TRUE);
  g_assert_true (rr_assessment_has_symptom (a, "limping"));
  g_assert_cmpuint (g_strv_length ((char **) rr_assessment_get_symptoms (a)), ==, 2);
  rr_assessment_set_symptom (a, "limping", FALSE);
  g_assert_false (rr_assessment_has_symptom (a, "limping"));
  g_assert_cmpuint (changes, ==, 5);

  rr_assessment_clear (a);
  g_assert_cmpuint (changes, ==, 6);
  g_assert_cmpint (rr_assessment_get_pain (a), ==, 0);
  g_assert_cmpuint (rr_assessment_get_n_regions (a), ==, 0);
  g_assert_null (rr_assessment_get_symptoms (a)[0]);
  rr_assessment_clear (a);
  g_assert_cmpuint (changes, ==, 6);
}

static void
test_serialize (void)
{
  g_autoptr(RrAssessment) a = rr_assessment_new ();
  g_autoptr(RrAssessment) b = rr_assessment_new ();
  g_autoptr(RrAssessment) c = NULL;
  g_autoptr(GVariant) v = NULL;
  g_autoptr(GVariant) w = NULL;
  g_autoptr(GVariant) bad = NULL;

  rr_assessment_set_pain (a, 5);
  rr_assessment_add_region (a, "left-shin-inner", 7);
  rr_assessment_add_region (a, "chest", 1);
  rr_assessment_set_symptom (a, "breathless", TRUE);

  v = g_variant_ref_sink (rr_assessment_serialize (a));
  {
    guint changes = 0;
    gulong id = g_signal_connect (b, "changed", G_CALLBACK (count_cb), &changes);

    /* Listeners hear of a whole new assessment once, never of a half-loaded one. */
    g_assert_true (rr_assessment_deserialize (b, v));
    g_assert_cmpuint (changes, ==, 1);
    g_signal_handler_disconnect (b, id);
  }
  w = g_variant_ref_sink (rr_assessment_serialize (b));
  g_assert_true (g_variant_equal (v, w));
  g_assert_cmpint (rr_assessment_get_region_level (b, "left-shin-inner"), ==, 7);

  c = rr_assessment_copy (a);
  g_assert_cmpint (rr_assessment_get_region_level (c, "chest"), ==, 1);
  g_assert_true (rr_assessment_has_symptom (c, "breathless"));

  /* Out-of-range levels and wrong types are refused, and nothing changes. */
  bad = g_variant_ref_sink (g_variant_new_parsed ("(3, [('chest', 11)], @as [])"));
  g_assert_false (rr_assessment_deserialize (b, bad));
  {
    g_autoptr(GVariant) number = g_variant_ref_sink (g_variant_new_int32 (1));
    g_assert_false (rr_assessment_deserialize (b, number));
  }
  g_assert_cmpint (rr_assessment_get_region_level (b, "chest"), ==, 1);
}

static void
test_notify (void)
{
  g_autoptr(RrAssessment) a = rr_assessment_new ();
  guint notified = 0;

  g_signal_connect (a, "notify::pain", G_CALLBACK (notify_cb), &notified);
  g_object_set (a, "pain", 3, NULL);
  g_object_set (a, "pain", 3, NULL);
  g_assert_cmpuint (notified, ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/assessment/regions", test_regions);
  g_test_add_func ("/assessment/pain-and-symptoms", test_pain_and_symptoms);
  g_test_add_func ("/assessment/serialize", test_serialize);
  g_test_add_func ("/assessment/notify", test_notify);

  return g_test_run ();
}
