"""The cue vocabulary: context words that rule functions use (documented in patterns/README.md).

Cues are not elements: they are never emitted as tags. Pattern files map words of a language to
these ids; the rule functions in ``indexer.tagging.rules`` only ever see the ids, which is what
keeps them language-agnostic.
"""

from __future__ import annotations

CUE_IDS: dict[str, str] = {
    "cue.trafficking": "words naming trafficking in persons itself (child trafficking, sale of persons)",
    "cue.smuggling": "smuggling of migrants / facilitating illegal entry, transit or stay",
    "cue.kidnapping": "kidnapping, abduction, unlawful confinement, hostage taking as the offence",
    "cue.pimping": "pimping, procuring, brothel keeping, living on the earnings of prostitution",
    "cue.organ_trade": "trade in organs or tissue as a separate offence",
    "cue.document_offence": "forgery or misuse of identity or travel documents as the offence",
    "cue.sexual_offence": "sexual offences that are not trafficking",
    "cue.begging_offence": "begging or exploitation of begging as its own offence",
    "cue.adoption_offence": "adoption offences",
    "cue.slavery_offence": "an offence of slavery, servitude or forced labour",
    "cue.definition": "a defining formula (means, shall mean, includes)",
    "cue.offence": "creates or names a criminal offence",
    "cue.penalty": "a criminal penalty (imprisonment, fine)",
    "cue.aggravation": "a heavier penalty for specific circumstances",
    "cue.child": "a child or minor",
    "cue.age_18": "the age of eighteen",
    "cue.negation": "a negation cancelling the element that directly follows",
    "cue.no_means": "the offence needs none of the means",
    "cue.consent": "consent of the victim",
    "cue.irrelevant": "consent does not matter (irrelevant, no defence)",
    "cue.victim": "a victim or trafficked person",
    "cue.exploitation": "the notion of exploitation",
    "cue.purpose_marker": "introduces the purpose of the act (for the purpose of, with a view to)",
    "cue.non_liability": "not prosecuted, not punished, not liable, exempt from penalty",
    "cue.compulsion": "acts the victim was compelled to commit because trafficked",
    "cue.unconditional": "a condition is excluded (regardless of, irrespective of)",
    "cue.cooperation": "the victim's cooperation with the authorities",
    "cue.assistance": "assistance, support or services to persons",
    "cue.general_part": "the provision applies to all or any offences",
    "cue.substandard_labour": "labour exploitation short of forced labour",
    "cue.exception": "an exception or carve-out",
    "cue.reference": "incorporates another provision by reference",
    "cue.sale": "sale, purchase or exchange of a person",
    "cue.inform": "a duty to inform a person of a right or service (not the right itself)",
    "cue.body_name": "the start of the name of a public body ('Ministry of', 'Secretary of'): a capitalised "
                     "service word right after it names the body, not a measure",
    "cue.non_operative": "findings, recitals or criteria for judging another State at the start of a "
                         "provision ('Congress finds that', 'whether the government of the country')",
    "cue.offence_reference": "an offence referred to, not created ('proceedings for', 'convicted of'): "
                             "no crim.offence without a penalty",
    "cue.holder": "a person who already holds a permit ('the holder of a residence permit'): the permit "
                  "is not granted by this provision",
}


def is_cue(element: str) -> bool:
    """True when ``element`` is a documented cue id."""
    return element in CUE_IDS
