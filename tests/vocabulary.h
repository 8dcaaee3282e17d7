/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The shared vocabulary of DESIGN.md, written out once for the tests: the rulebook
 * must know exactly these ids. */

static const char * const vocabulary_midline[] = {
  "head", "neck", "chest", "abdomen", "upper-back", "lower-back", NULL
};

static const char * const vocabulary_paired[] = {
  "shoulder", "arm", "hip-front", "hip-outer", "groin", "glute", "thigh-front",
  "thigh-back", "knee-front", "knee-below", "knee-outer", "knee-inner", "knee-back",
  "shin-front", "shin-inner", "calf", "ankle-outer", "ankle-inner", "ankle-back",
  "foot-top", "heel", "arch", "toes", NULL
};

static const char * const vocabulary_symptoms[] = {
  "eases-with-warmup", "limping", "worsening", "before-during-after", "at-rest",
  "swelling", "radiating", "giving-way", "numbness", "tender-to-touch", "sudden-sharp",
  "morning-worse", "persistent", "sweating", "breathless", "hot-dry-skin", "dizziness",
  "nausea", "one-sided", "not-relieved-by-medication", "first-headache-over-40",
  "fainted", "stiff-neck", "double-vision", "vomiting", "race",
  /* Added for issue #14: overheating while still sweating (heat illness). */
  "overheated",
  /* And a wandering ache, one of the article's hints of tendinopathy. */
  "moves-around", NULL
};

static const char * const vocabulary_conditions[] = {
  "tendinopathy", "it-band-syndrome", "runners-knee", "patellar-tendinitis",
  "shin-splints", "stress-fracture", "bone-stress-injury", "achilles-tendinitis",
  "sprain-or-fracture", "plantar-fasciitis", "tight-shoes", "hip-bursitis",
  "tight-hip-flexors", "low-back-soreness", "neck-shoulder-tension",
  "exertional-headache", "dehydration", "heart-attack", "heat-stroke", NULL
};

static const char * const vocabulary_advice[] = {
  "police", "run-through-strategies", "cross-train", "strengthen-core",
  "stretch-and-foam-roll", "strengthen-quads", "check-shoes", "short-quick-strides",
  "add-mileage-gradually", "rest-days", "see-doctor-or-physio", "call-emergency", NULL
};

static const char * const vocabulary_studies[] = {
  "10.1016/S1836-9553(11)70039-X", "10.1016/j.asmart.2015.03.003", "10.1111/pme.12785",
  "10.1152/japplphysiol.00012.2018", "10.1016/j.jsams.2018.05.021",
  "10.1016/j.pmr.2015.09.002", "10.1177/1941738112445871", "10.1155/2014/572425",
  "10.1007/s12178-014-9240-0", "10.1589/jpts.27.619", "10.4102/sajp.v74i1.452",
  "10.1177/1941738111426115", "10.21037/atm.2019.04.08", "10.1177/1745691611413136", NULL
};

/* Every region id: midline ones, then left and right of each paired part. Free with
 * g_strfreev(). */
static inline char **
vocabulary_regions (void)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **regions;

  g_strv_builder_addv (builder, (const char **) vocabulary_midline);
  for (guint i = 0; vocabulary_paired[i]; i++)
    {
      char *left = g_strconcat ("left-", vocabulary_paired[i], NULL);
      char *right = g_strconcat ("right-", vocabulary_paired[i], NULL);

      g_strv_builder_add_many (builder, left, right, NULL);
      g_free (left);
      g_free (right);
    }
  regions = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return regions;
}
