//! The word bank of improvement topics: for each, what the problem is, where it is
//! worked on, its driver diagram, its change ideas and its two measures. Projects of the
//! same topic share vocabulary, so that search and similar-project scoring have real
//! signal; places, people, numbers and sentence choices make each project its own.
//!
//! Text may use the placeholders filled by `text::fill`: `{place}` (e.g. "Ward 7" or "the
//! Emergency Department"), `{on_place}` ("on Ward 7"), `{hospital}`, `{town}` and
//! `{specialty}`.

/// Where a project happens: decides the place's name and its directorate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    MedicalWard,
    ElderlyWard,
    SurgicalWard,
    StrokeWard,
    Amu,
    Ed,
    Theatres,
    Maternity,
    Neonatal,
    Childrens,
    Icu,
    Outpatients,
    District,
    CommunityHospital,
    MentalHealth,
    TrustWide,
}

/// A change idea in a topic's driver diagram.
pub struct Idea {
    pub id: &'static str,
    /// A short noun phrase for PDSA titles, e.g. "falls checklist".
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
}

/// A primary driver with its secondary drivers and the change ideas under each.
pub struct Driver {
    pub title: &'static str,
    pub secondary: &'static [(&'static str, &'static [&'static str])],
}

/// The process measure: always a p chart (a percentage of a denominator).
pub struct ProcessMeasure {
    pub id: &'static str,
    pub title: &'static str,
    pub definition: &'static str,
    pub unit: &'static str,
    /// What the percentage counts, for prose: "admissions with a risk assessment".
    pub phrase: &'static str,
    pub source: &'static str,
    /// The proportion before the change, and after a change that works.
    pub before: (f64, f64),
    pub after: (f64, f64),
    /// Monthly denominators.
    pub denominators: (u32, u32),
    /// In percent.
    pub target: f64,
    pub increase: bool,
}

/// How the outcome measure is charted.
pub enum OutcomeChart {
    /// A rate per `multiplier` units of the denominator.
    U {
        multiplier: f64,
        denominators: (u32, u32),
    },
    /// One continuous value a month, with this coefficient of variation.
    I { cv: f64 },
}

/// The outcome measure: a u chart or an I chart.
pub struct OutcomeMeasure {
    pub id: &'static str,
    pub title: &'static str,
    pub definition: &'static str,
    pub unit: &'static str,
    pub source: &'static str,
    pub chart: OutcomeChart,
    /// The level (rate or mean) before the change.
    pub before: (f64, f64),
    /// The level after a change that works, as a multiple of the level before.
    pub effect: (f64, f64),
    pub increase: bool,
}

pub struct Topic {
    pub slug: &'static str,
    /// A noun phrase: "inpatient falls".
    pub name: &'static str,
    /// Title templates, e.g. "Reducing inpatient falls {on_place}".
    pub titles: &'static [&'static str],
    pub priorities: &'static [&'static str],
    pub places: &'static [PlaceKind],
    pub tags: &'static [&'static str],
    /// Sentences on the problem as the team found it.
    pub problems: &'static [&'static str],
    /// Sentences on why it matters to patients and staff.
    pub why: &'static [&'static str],
    pub drivers: &'static [Driver],
    pub ideas: &'static [Idea],
    pub process: ProcessMeasure,
    pub outcome: OutcomeMeasure,
}

impl Topic {
    pub fn idea(&self, id: &str) -> &Idea {
        self.ideas
            .iter()
            .find(|i| i.id == id)
            .expect("topics name only their own ideas")
    }
}

use OutcomeChart::{I, U};
use PlaceKind::*;

pub const TOPICS: &[Topic] = &[
    Topic {
        slug: "falls",
        name: "inpatient falls",
        titles: &[
            "Reducing inpatient falls {on_place}",
            "Fewer falls with harm {on_place}",
            "Keeping patients on their feet {on_place}",
            "Falls prevention {on_place}",
        ],
        priorities: &["patient-safety"],
        places: &[ElderlyWard, MedicalWard, StrokeWard, SurgicalWard, CommunityHospital],
        tags: &["falls", "harm-free care", "nursing", "elderly care"],
        problems: &[
            "The falls review panel kept finding the same gaps: risk assessments done late or not at all, no lying and standing blood pressure, and call bells out of reach.",
            "Most falls happened at night or at shift change, when patients with delirium tried to walk to the toilet on their own.",
            "A third of the patients who fell had a falls risk assessment that was more than a day old, and few had a care plan that matched it.",
            "Staff told us they knew which patients were at risk, but that knowledge lived in handovers and was lost when agency staff covered the bay.",
        ],
        why: &[
            "A fall in hospital can end a patient's independence: a hip fracture means weeks longer in hospital and, for many older people, a move into a care home.",
            "Even a fall without injury knocks a patient's confidence, and frightened patients move less, lose strength and fall again.",
        ],
        drivers: &[
            Driver {
                title: "Reliable falls risk assessment",
                secondary: &[
                    ("Assessment within 6 hours of admission", &["falls-checklist"]),
                    ("Postural hypotension found and treated", &["lying-standing-bp", "medication-review"]),
                    ("Reassessment after a fall or a change in condition", &["falls-checklist", "safety-huddle"]),
                ],
            },
            Driver {
                title: "A safe ward environment",
                secondary: &[
                    ("Call bell, glasses and walking aid within reach", &["falls-checklist", "footwear-check"]),
                    ("High-risk patients can be seen at all times", &["bay-tagging", "sensor-alarms"]),
                ],
            },
            Driver {
                title: "Individual care plans",
                secondary: &[
                    ("The whole team knows who is at high risk today", &["safety-huddle", "bay-tagging"]),
                    ("Regular help to the toilet", &["toileting-rounds"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "falls-checklist", name: "falls checklist", title: "One-page falls checklist at admission", description: "A single page covering risk factors, environment and the care plan, completed by the admitting nurse within 6 hours and reviewed at every handover." },
            Idea { id: "lying-standing-bp", name: "lying and standing blood pressure", title: "Lying and standing blood pressure for every admission", description: "Measured by the healthcare assistant on the first morning, with a prompt to the doctor if the systolic pressure falls by 20 mmHg or more." },
            Idea { id: "safety-huddle", name: "falls safety huddle", title: "Falls on the agenda of the daily safety huddle", description: "A two-minute review of every patient flagged as high risk, at the same time every day." },
            Idea { id: "bay-tagging", name: "bay tagging", title: "Bay tagging for high-risk patients", description: "A member of staff stays in a bay of high-risk patients at all times, handing over before leaving." },
            Idea { id: "sensor-alarms", name: "sensor alarms", title: "Bed and chair sensor alarms", description: "Pressure-sensitive pads that alert staff when a high-risk patient stands." },
            Idea { id: "footwear-check", name: "footwear check", title: "Safe footwear for every patient", description: "Slipper socks or the patient's own well-fitting shoes, checked on the morning round." },
            Idea { id: "medication-review", name: "falls medication review", title: "Pharmacist review of falls-risk medicines", description: "The ward pharmacist reviews sedatives, antihypertensives and other falls-risk medicines within a day of admission." },
            Idea { id: "toileting-rounds", name: "toileting rounds", title: "Two-hourly toileting rounds at night", description: "A planned offer of help to the toilet every two hours for patients at high risk, recorded on the intentional rounding chart." },
        ],
        process: ProcessMeasure {
            id: "falls-risk-assessment-6h",
            title: "Falls risk assessment within 6 hours of admission",
            definition: "Patients admitted in the month with a completed falls risk assessment within 6 hours of arriving on the ward (numerator), out of all patients admitted in the month (denominator).",
            unit: "% of admissions",
            phrase: "admissions with a falls risk assessment within 6 hours",
            source: "Electronic nursing record audit",
            before: (0.48, 0.66),
            after: (0.82, 0.93),
            denominators: (45, 95),
            target: 90.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "falls-per-1000-bed-days",
            title: "Inpatient falls per 1,000 bed days",
            definition: "All inpatient falls reported on the incident system in the month (numerator), divided by occupied bed days in the month (denominator), multiplied by 1,000.",
            unit: "falls per 1,000 bed days",
            source: "Incident reports; bed days from the patient administration system",
            chart: U { multiplier: 1000.0, denominators: (640, 920) },
            before: (7.5, 10.5),
            effect: (0.55, 0.72),
            increase: false,
        },
    },
    Topic {
        slug: "sepsis",
        name: "sepsis",
        titles: &[
            "Timely antibiotics for sepsis {on_place}",
            "Sepsis: antibiotics within the hour {on_place}",
            "Recognising and treating sepsis {on_place}",
        ],
        priorities: &["patient-safety", "timely-care"],
        places: &[Amu, Ed, SurgicalWard, MedicalWard, Childrens],
        tags: &["sepsis", "antibiotics", "deteriorating patient", "NEWS2"],
        problems: &[
            "Fewer than two in three patients with red flag sepsis received intravenous antibiotics within an hour, and the delays were longest at night.",
            "Case reviews showed the same pattern: screening was done, but finding a doctor, a cannula and the antibiotics took three separate trips.",
            "Nurses recognised sepsis early, but had to wait for a doctor to prescribe the first dose, however busy the doctor was.",
            "The sepsis screening tool was on paper in a folder at the nurses' station, and was often completed after the antibiotics had been given.",
        ],
        why: &[
            "Every hour's delay in antibiotics for septic shock raises the risk of death, and sepsis is among the commonest causes of avoidable death in our mortality reviews.",
            "Patients who survive sepsis after a late start to treatment often spend longer in intensive care and leave hospital weaker.",
        ],
        drivers: &[
            Driver {
                title: "Early recognition of sepsis",
                secondary: &[
                    ("Screening at every NEWS2 of 5 or more", &["screening-sticker", "news2-prompt"]),
                    ("Concerns of patients and families heard", &["family-concern-prompt"]),
                ],
            },
            Driver {
                title: "Rapid treatment",
                secondary: &[
                    ("Everything needed in one place", &["sepsis-trolley"]),
                    ("No wait for a prescriber", &["nurse-initiated-antibiotics"]),
                    ("Clear escalation when a doctor is needed", &["escalation-script"]),
                ],
            },
            Driver {
                title: "Reliable team working",
                secondary: &[
                    ("A named sepsis lead on every shift", &["sepsis-champion"]),
                    ("Learning from every case over an hour", &["case-review"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "sepsis-trolley", name: "sepsis trolley", title: "A tagged sepsis trolley in every bay", description: "Blood culture bottles, cannulas, fluids and first-dose antibiotics together, checked and tagged each morning." },
            Idea { id: "screening-sticker", name: "screening sticker", title: "Sepsis screening sticker on the observation chart", description: "A sticker that prompts the screen at the same moment the nurse records a high early warning score." },
            Idea { id: "nurse-initiated-antibiotics", name: "nurse-initiated antibiotics", title: "Nurse-initiated first dose under a patient group direction", description: "Trained nurses give the first dose of antibiotics for red flag sepsis without waiting for a prescription." },
            Idea { id: "escalation-script", name: "escalation script", title: "A scripted call to the doctor", description: "A short script (situation, NEWS2, red flags, what I need) that makes the urgency of a sepsis call clear." },
            Idea { id: "news2-prompt", name: "NEWS2 prompt", title: "Electronic NEWS2 prompt to screen for sepsis", description: "The observations system asks the nurse to screen for sepsis whenever the score reaches 5." },
            Idea { id: "sepsis-champion", name: "sepsis champion", title: "A sepsis champion on every shift", description: "A named nurse on each shift who checks the trolley, supports screening and reviews any delay." },
            Idea { id: "family-concern-prompt", name: "family concern prompt", title: "Asking families whether the patient seems different", description: "A prompt to ask relatives and carers whether the patient seems more unwell than usual, and to act on their concern." },
            Idea { id: "case-review", name: "delay case review", title: "Review of every case over an hour", description: "A short structured review of every delayed case within a week, shared at the ward meeting." },
        ],
        process: ProcessMeasure {
            id: "antibiotics-within-1-hour",
            title: "Antibiotics within 1 hour for red flag sepsis",
            definition: "Patients with red flag sepsis in the month who received their first dose of intravenous antibiotics within 60 minutes of the red flag being recorded (numerator), out of all patients with red flag sepsis in the month (denominator).",
            unit: "% of patients",
            phrase: "patients with red flag sepsis given antibiotics within an hour",
            source: "Electronic observations system and electronic prescribing, monthly extract",
            before: (0.45, 0.66),
            after: (0.80, 0.92),
            denominators: (14, 40),
            target: 90.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "time-to-antibiotics",
            title: "Time from red flag to antibiotics (monthly mean)",
            definition: "The mean time in minutes from a red flag for sepsis being recorded to the first dose of intravenous antibiotics, for all patients with red flag sepsis in the month.",
            unit: "minutes",
            source: "Electronic observations system and electronic prescribing",
            chart: I { cv: 0.09 },
            before: (70.0, 95.0),
            effect: (0.55, 0.75),
            increase: false,
        },
    },
    Topic {
        slug: "pressure-ulcers",
        name: "pressure ulcers",
        titles: &[
            "Reducing pressure ulcers {on_place}",
            "Healthy skin {on_place}",
            "Preventing hospital-acquired pressure ulcers {on_place}",
        ],
        priorities: &["patient-safety"],
        places: &[ElderlyWard, MedicalWard, SurgicalWard, StrokeWard, CommunityHospital, Icu],
        tags: &["pressure ulcers", "SSKIN", "harm-free care", "tissue viability", "nursing"],
        problems: &[
            "Most new pressure ulcers were on the heels, and most of the patients who developed them had been assessed as at risk on admission.",
            "Repositioning was recorded on three different charts, so nobody could see at a glance when a patient had last been turned.",
            "The tissue viability team saw each new ulcer, but their learning rarely reached the staff on the next shift.",
            "Pressure-relieving mattresses took up to two days to arrive, and nobody checked them once they were in place.",
        ],
        why: &[
            "A category 2 pressure ulcer is painful, slow to heal and often the start of something worse; almost all are avoidable.",
            "Patients and families told us that a pressure ulcer felt like a failure of basic care, whatever else went well.",
        ],
        drivers: &[
            Driver {
                title: "Every patient's risk known",
                secondary: &[
                    ("Skin inspection within 6 hours of admission", &["sskin-prompt"]),
                    ("Heels checked at every turn", &["heel-offloading", "sskin-prompt"]),
                ],
            },
            Driver {
                title: "Reliable prevention",
                secondary: &[
                    ("Repositioning as planned", &["repositioning-clock", "skin-bundle-chart"]),
                    ("The right equipment on time", &["mattress-pathway"]),
                ],
            },
            Driver {
                title: "Patients and carers as partners",
                secondary: &[
                    ("Patients know how to protect their skin", &["carer-leaflet"]),
                    ("Learning shared after every ulcer", &["skin-huddle"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "sskin-prompt", name: "SSKIN prompt", title: "SSKIN prompt in the nursing record", description: "Surface, skin inspection, keep moving, incontinence and nutrition, prompted at every shift." },
            Idea { id: "heel-offloading", name: "heel offloading", title: "Heel offloading boots for patients at high risk", description: "Heels lifted clear of the mattress with boots or pillows for every patient scored at high risk." },
            Idea { id: "repositioning-clock", name: "repositioning clock", title: "A repositioning clock above each bed", description: "A simple dial turned at each reposition, so that anyone passing can see when the patient was last moved." },
            Idea { id: "skin-bundle-chart", name: "single skin bundle chart", title: "One skin bundle chart instead of three", description: "Repositioning, skin checks and continence care recorded on one chart at the bedside." },
            Idea { id: "mattress-pathway", name: "mattress pathway", title: "Same-day pressure-relieving mattress pathway", description: "A direct order to the equipment library, with delivery the same day for patients at high risk." },
            Idea { id: "carer-leaflet", name: "skin check leaflet", title: "Skin check leaflet written with carers", description: "A short leaflet with photographs showing patients and carers what early pressure damage looks like." },
            Idea { id: "skin-huddle", name: "skin huddle", title: "A skin huddle after every new ulcer", description: "Ten minutes with the team on shift to agree what happened and what to change." },
        ],
        process: ProcessMeasure {
            id: "sskin-bundle-compliance",
            title: "SSKIN bundle completed for patients at risk",
            definition: "Patients at risk of pressure damage, audited in the month, with every element of the SSKIN bundle completed as planned (numerator), out of all patients at risk audited in the month (denominator).",
            unit: "% of patients at risk",
            phrase: "patients at risk with the SSKIN bundle completed",
            source: "Monthly tissue viability audit",
            before: (0.50, 0.68),
            after: (0.84, 0.95),
            denominators: (20, 45),
            target: 95.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "pressure-ulcers-per-1000-bed-days",
            title: "New category 2 and above pressure ulcers per 1,000 bed days",
            definition: "New category 2 and above pressure ulcers that developed in our care in the month (numerator), divided by occupied bed days in the month (denominator), multiplied by 1,000.",
            unit: "pressure ulcers per 1,000 bed days",
            source: "Incident reports validated by tissue viability; bed days from the patient administration system",
            chart: U { multiplier: 1000.0, denominators: (700, 950) },
            before: (3.0, 5.0),
            effect: (0.45, 0.7),
            increase: false,
        },
    },
    Topic {
        slug: "discharge",
        name: "discharge before noon",
        titles: &[
            "Home before noon {on_place}",
            "Earlier discharges {on_place}",
            "Discharge before midday {on_place}",
        ],
        priorities: &["timely-care", "patient-experience"],
        places: &[MedicalWard, ElderlyWard, SurgicalWard, Amu, StrokeWard],
        tags: &["patient flow", "discharge", "criteria-led discharge", "length of stay"],
        problems: &[
            "Only about one patient in six went home before midday, so admissions from the emergency department waited for beds until the evening.",
            "Medicines to take home were ordered on the morning of discharge, and the pharmacy queue set the time patients left.",
            "Patients were often medically fit to leave by the morning board round, but waited for a doctor to write the discharge letter.",
            "Transport was booked on the day, and the first slots had gone by the time the ward called.",
        ],
        why: &[
            "Late discharges leave patients waiting on trolleys downstairs, and a long wait in the emergency department is harmful, especially for older people.",
            "Patients told us the worst part of leaving hospital was the waiting: a whole day spent packed and ready, in a chair by the bed.",
        ],
        drivers: &[
            Driver {
                title: "Discharge planned from admission",
                secondary: &[
                    ("An expected date of discharge for every patient", &["edd-board"]),
                    ("Criteria agreed so that nurses can discharge", &["criteria-led-discharge"]),
                ],
            },
            Driver {
                title: "Everything ready the day before",
                secondary: &[
                    ("Medicines to take home prepared the day before", &["ttos-day-before"]),
                    ("Transport booked a day ahead", &["transport-booking"]),
                    ("Discharge letter written on the day-before round", &["board-round"]),
                ],
            },
            Driver {
                title: "Flow through the morning",
                secondary: &[
                    ("Beds freed by 10 am", &["discharge-lounge"]),
                    ("A short, focused board round", &["board-round"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "edd-board", name: "expected discharge date board", title: "Expected date of discharge on the ward board", description: "Each patient's expected date and what is needed before it, reviewed at the morning board round." },
            Idea { id: "criteria-led-discharge", name: "criteria-led discharge", title: "Criteria-led discharge by nurses", description: "The consultant agrees criteria at the ward round; a nurse discharges the patient as soon as they are met." },
            Idea { id: "ttos-day-before", name: "day-before medicines", title: "Medicines to take home prepared the day before", description: "Prescriptions for the next day's discharges sent to pharmacy by 3 pm." },
            Idea { id: "transport-booking", name: "day-ahead transport booking", title: "Transport booked the day before discharge", description: "The ward clerk books transport for tomorrow's discharges every afternoon." },
            Idea { id: "board-round", name: "structured board round", title: "A structured 30-minute board round", description: "Every patient discussed in the same order: plan, barriers, expected date, today's tasks." },
            Idea { id: "discharge-lounge", name: "10 am discharge lounge", title: "Patients in the discharge lounge by 10 am", description: "Patients waiting only for transport or a relative move to the lounge before 10 am." },
        ],
        process: ProcessMeasure {
            id: "discharges-before-noon",
            title: "Discharges before 12 noon",
            definition: "Patients discharged home between midnight and 12 noon in the month (numerator), out of all patients discharged in the month (denominator). Deaths and transfers to other hospitals are excluded.",
            unit: "% of discharges",
            phrase: "discharges before noon",
            source: "Patient administration system",
            before: (0.10, 0.20),
            after: (0.28, 0.40),
            denominators: (90, 180),
            target: 33.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "length-of-stay",
            title: "Length of stay (monthly mean)",
            definition: "The mean length of stay in days of patients discharged in the month, counted from admission to the ward.",
            unit: "days",
            source: "Patient administration system",
            chart: I { cv: 0.07 },
            before: (6.5, 10.5),
            effect: (0.82, 0.92),
            increase: false,
        },
    },
    Topic {
        slug: "insulin",
        name: "missed and delayed insulin doses",
        titles: &[
            "Insulin on time {on_place}",
            "Fewer missed insulin doses {on_place}",
            "Safer insulin {on_place}",
        ],
        priorities: &["patient-safety"],
        places: &[MedicalWard, SurgicalWard, ElderlyWard, Amu],
        tags: &["insulin", "diabetes", "medicines safety", "medication omissions"],
        problems: &[
            "Insulin doses were given late most often at mealtimes, when the nurse with the keys was busy elsewhere.",
            "Patients who managed their own insulin for years at home were not allowed to do so on the ward.",
            "Insulin times were not on the handover sheet, so doses due at shift change were the most likely to be missed.",
            "The diabetes team's advice was written in the notes, but rarely reached the nurse giving the dose.",
        ],
        why: &[
            "A missed or late insulin dose can tip a patient into diabetic ketoacidosis within hours; it is one of the commonest serious medicines incidents in hospital.",
            "Patients with diabetes told us that losing control of their own insulin was one of the most frightening parts of a hospital stay.",
        ],
        drivers: &[
            Driver {
                title: "Doses given on time",
                secondary: &[
                    ("Insulin times visible to the whole team", &["handover-prompt", "insulin-sticker"]),
                    ("Insulin ready at mealtimes", &["mealtime-insulin-round"]),
                ],
            },
            Driver {
                title: "Patients in control",
                secondary: &[
                    ("Patients who can, give their own insulin", &["self-administration"]),
                ],
            },
            Driver {
                title: "Expert support",
                secondary: &[
                    ("Diabetes team advice acted on", &["diabetes-link-nurse", "hypo-box"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "insulin-sticker", name: "insulin alert sticker", title: "An insulin alert sticker on the drug chart", description: "A bright sticker showing the dose times, placed on the chart by the admitting nurse." },
            Idea { id: "handover-prompt", name: "insulin handover prompt", title: "Insulin times on the handover sheet", description: "A column for insulin due times, read out at every handover." },
            Idea { id: "self-administration", name: "supported self-administration", title: "Supported self-administration of insulin", description: "Patients assessed as able keep and give their own insulin, with a nurse checking the record." },
            Idea { id: "mealtime-insulin-round", name: "mealtime insulin round", title: "A protected mealtime insulin round", description: "One nurse gives every insulin dose as the meal trolley arrives." },
            Idea { id: "diabetes-link-nurse", name: "diabetes link nurse", title: "A diabetes link nurse for the ward", description: "A ward nurse with extra training who reviews every patient on insulin each day." },
            Idea { id: "hypo-box", name: "hypo box", title: "A hypoglycaemia box on the ward", description: "Everything needed to treat a low blood sugar in one box, with the treatment steps on the lid." },
        ],
        process: ProcessMeasure {
            id: "insulin-on-time",
            title: "Insulin doses given within 30 minutes of the due time",
            definition: "Insulin doses audited in the month that were given within 30 minutes of the prescribed time (numerator), out of all insulin doses audited in the month (denominator).",
            unit: "% of doses",
            phrase: "insulin doses given on time",
            source: "Electronic prescribing and medicines administration, weekly audit",
            before: (0.62, 0.76),
            after: (0.86, 0.95),
            denominators: (60, 140),
            target: 95.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "missed-insulin-per-1000-bed-days",
            title: "Missed or delayed insulin doses per 1,000 bed days",
            definition: "Insulin doses missed or given more than 2 hours late in the month (numerator), divided by occupied bed days (denominator), multiplied by 1,000.",
            unit: "missed doses per 1,000 bed days",
            source: "Electronic prescribing and medicines administration",
            chart: U { multiplier: 1000.0, denominators: (650, 900) },
            before: (9.0, 14.0),
            effect: (0.4, 0.65),
            increase: false,
        },
    },
    Topic {
        slug: "nutrition",
        name: "nutrition screening",
        titles: &[
            "Nutrition screening within 24 hours {on_place}",
            "Good nutrition {on_place}",
            "Spotting malnutrition early {on_place}",
        ],
        priorities: &["patient-safety", "patient-experience"],
        places: &[ElderlyWard, MedicalWard, StrokeWard, SurgicalWard, CommunityHospital],
        tags: &["nutrition", "MUST", "malnutrition", "dietetics"],
        problems: &[
            "Only about half of our patients had a nutrition screen within a day of admission, and many of those were not weighed but estimated.",
            "The ward scales were shared with two other wards, and often could not be found.",
            "Patients who needed help to eat were not identified until a relative raised it.",
            "Referrals to the dietitian waited for the weekly multidisciplinary meeting.",
        ],
        why: &[
            "Malnourished patients heal more slowly, get more infections and stay in hospital longer.",
            "Families told us how distressing it was to find a meal tray untouched at the end of visiting time.",
        ],
        drivers: &[
            Driver {
                title: "Every patient screened",
                secondary: &[
                    ("Screening within 24 hours of admission", &["admission-checklist", "weighing-round"]),
                    ("Weights measured, not estimated", &["weighing-round", "ward-scales"]),
                ],
            },
            Driver {
                title: "Help to eat and drink",
                secondary: &[
                    ("Patients who need help are known", &["red-tray"]),
                    ("Mealtimes protected", &["protected-mealtimes"]),
                ],
            },
            Driver {
                title: "Quick expert advice",
                secondary: &[
                    ("Same-day referral to the dietitian", &["direct-referral"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "admission-checklist", name: "admission nutrition checklist", title: "Nutrition screen on the admission checklist", description: "The MUST screen added to the admission checklist, so it is done with the rest of the admission." },
            Idea { id: "weighing-round", name: "weighing round", title: "A morning weighing round", description: "A healthcare assistant weighs every new patient on the first morning." },
            Idea { id: "ward-scales", name: "ward scales", title: "Scales kept on the ward", description: "A set of chair scales that belongs to the ward, with a fixed home and a named person to check it." },
            Idea { id: "red-tray", name: "red tray", title: "Red trays for patients who need help", description: "A red tray tells everyone that the patient needs help or encouragement to eat." },
            Idea { id: "protected-mealtimes", name: "protected mealtimes", title: "Protected mealtimes", description: "No routine tests or rounds during meals, and all available staff helping patients to eat." },
            Idea { id: "direct-referral", name: "direct dietitian referral", title: "Direct referral to the dietitian", description: "Nurses refer patients with a high MUST score straight to the dietitian through the electronic record." },
        ],
        process: ProcessMeasure {
            id: "must-within-24h",
            title: "Nutrition screening (MUST) within 24 hours of admission",
            definition: "Patients admitted in the month with a completed Malnutrition Universal Screening Tool score, based on a measured weight, within 24 hours of admission (numerator), out of all patients admitted in the month (denominator).",
            unit: "% of admissions",
            phrase: "admissions screened for malnutrition within 24 hours",
            source: "Electronic nursing record",
            before: (0.42, 0.60),
            after: (0.80, 0.92),
            denominators: (50, 110),
            target: 90.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "days-to-dietitian-review",
            title: "Days from a high MUST score to dietitian review (monthly mean)",
            definition: "The mean number of days from a MUST score of 2 or more to the first review by a dietitian, for patients with a high score in the month.",
            unit: "days",
            source: "Dietetics referral log",
            chart: I { cv: 0.12 },
            before: (3.5, 5.5),
            effect: (0.45, 0.65),
            increase: false,
        },
    },
    Topic {
        slug: "vte",
        name: "venous thromboembolism prevention",
        titles: &[
            "VTE risk assessment {on_place}",
            "Preventing hospital-acquired blood clots {on_place}",
        ],
        priorities: &["patient-safety"],
        places: &[SurgicalWard, MedicalWard, Amu, TrustWide],
        tags: &["VTE", "thrombosis", "thromboprophylaxis", "medicines safety"],
        problems: &[
            "Risk assessments were done on admission but rarely repeated at 24 hours, when the patient's risk had often changed.",
            "The assessment sat on a separate paper form that was easily lost between the emergency department and the ward.",
            "Doctors told us the prompt appeared at the busiest moment of the clerking and was clicked through.",
        ],
        why: &[
            "Blood clots that start in hospital are a leading cause of avoidable death, and most can be prevented with the right medicine or stockings.",
            "A pulmonary embolism weeks after discharge can undo an otherwise good recovery.",
        ],
        drivers: &[
            Driver {
                title: "Reliable assessment",
                secondary: &[
                    ("Assessment within 14 hours of admission", &["electronic-prompt", "pharmacist-check"]),
                    ("Reassessment at 24 hours", &["reassessment-prompt"]),
                ],
            },
            Driver {
                title: "The right prophylaxis",
                secondary: &[
                    ("Prescribed and given as assessed", &["pharmacist-check"]),
                    ("Patients understand why", &["patient-leaflet"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "electronic-prompt", name: "electronic VTE prompt", title: "A hard stop in the electronic admission record", description: "The admission cannot be completed until the VTE assessment is done." },
            Idea { id: "reassessment-prompt", name: "24-hour reassessment prompt", title: "A 24-hour reassessment prompt on the ward round list", description: "Patients due a reassessment are flagged on the consultant's ward round list." },
            Idea { id: "pharmacist-check", name: "pharmacist VTE check", title: "Pharmacist check of VTE assessment and prescription", description: "The ward pharmacist checks the assessment and the prophylaxis on the first medicines review." },
            Idea { id: "patient-leaflet", name: "blood clot leaflet", title: "A leaflet on blood clots for patients", description: "Why the injections matter, what to look out for after discharge, and whom to call." },
        ],
        process: ProcessMeasure {
            id: "vte-assessment-14h",
            title: "VTE risk assessment within 14 hours of admission",
            definition: "Adult inpatients admitted in the month with a completed VTE risk assessment within 14 hours of admission (numerator), out of all adult inpatients admitted in the month (denominator).",
            unit: "% of admissions",
            phrase: "admissions with a VTE risk assessment within 14 hours",
            source: "Electronic patient record",
            before: (0.72, 0.84),
            after: (0.92, 0.97),
            denominators: (120, 380),
            target: 95.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "hospital-acquired-thrombosis",
            title: "Hospital-acquired thrombosis per 1,000 admissions",
            definition: "Venous thromboembolism diagnosed during admission or within 90 days of discharge, judged hospital-acquired on root cause analysis (numerator), divided by admissions in the month (denominator), multiplied by 1,000.",
            unit: "thromboses per 1,000 admissions",
            source: "Thrombosis committee root cause analyses; admissions from the patient administration system",
            chart: U { multiplier: 1000.0, denominators: (900, 2400) },
            before: (1.8, 3.2),
            effect: (0.5, 0.75),
            increase: false,
        },
    },
    Topic {
        slug: "deterioration",
        name: "the deteriorating patient",
        titles: &[
            "Escalating the deteriorating patient {on_place}",
            "Acting on NEWS2 {on_place}",
            "Earlier response to deterioration {on_place}",
        ],
        priorities: &["patient-safety"],
        places: &[MedicalWard, SurgicalWard, ElderlyWard, Amu, TrustWide],
        tags: &["deteriorating patient", "NEWS2", "escalation", "cardiac arrest"],
        problems: &[
            "Most patients who had a cardiac arrest on the wards had a high early warning score for hours beforehand, and the escalation was not recorded.",
            "Junior nurses told us they did not always feel able to call the outreach team directly.",
            "Observations were often late at night, so a rising score went unseen until the morning.",
        ],
        why: &[
            "Most in-hospital cardiac arrests follow hours of warning signs; recognising and acting on them saves lives.",
            "Families who raised concerns before a relative's deterioration told us they felt unheard.",
        ],
        drivers: &[
            Driver {
                title: "Observations on time",
                secondary: &[
                    ("Observations at the frequency NEWS2 sets", &["obs-round-prompt"]),
                ],
            },
            Driver {
                title: "Confident escalation",
                secondary: &[
                    ("Anyone can call for help", &["direct-outreach-call", "sbar-card"]),
                    ("Concerns of patients and families heard", &["call-for-concern"]),
                ],
            },
            Driver {
                title: "A prompt medical response",
                secondary: &[
                    ("Review within 30 minutes of a score of 7", &["deterioration-huddle"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "obs-round-prompt", name: "observations prompt", title: "Electronic prompt when observations are due", description: "The handheld device alerts the nurse when a patient's observations are overdue." },
            Idea { id: "direct-outreach-call", name: "direct outreach call", title: "Any nurse may call outreach directly", description: "No need to ask the nurse in charge first for a NEWS2 of 7 or more." },
            Idea { id: "sbar-card", name: "SBAR card", title: "An SBAR escalation card on every lanyard", description: "Situation, background, assessment and recommendation, with the NEWS2 thresholds on the back." },
            Idea { id: "call-for-concern", name: "Call for Concern", title: "Call for Concern for patients and families", description: "A number patients and relatives can ring when they are worried and feel unheard." },
            Idea { id: "deterioration-huddle", name: "deterioration huddle", title: "A huddle for every patient with NEWS2 of 5 or more", description: "The nurse in charge and the doctor agree a plan and the next observation time together." },
        ],
        process: ProcessMeasure {
            id: "news2-escalated-30-min",
            title: "NEWS2 of 5 or more escalated within 30 minutes",
            definition: "Observation sets in the month with a NEWS2 of 5 or more that were escalated to a doctor or the outreach team within 30 minutes (numerator), out of all observation sets with a NEWS2 of 5 or more in the month (denominator).",
            unit: "% of high scores",
            phrase: "high early warning scores escalated within 30 minutes",
            source: "Electronic observations system",
            before: (0.52, 0.70),
            after: (0.82, 0.93),
            denominators: (40, 130),
            target: 90.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "cardiac-arrests-per-1000-admissions",
            title: "Cardiac arrests per 1,000 admissions",
            definition: "In-hospital cardiac arrest calls in the month (numerator), divided by admissions in the month (denominator), multiplied by 1,000.",
            unit: "cardiac arrests per 1,000 admissions",
            source: "Resuscitation team audit; admissions from the patient administration system",
            chart: U { multiplier: 1000.0, denominators: (1200, 2600) },
            before: (1.4, 2.6),
            effect: (0.55, 0.78),
            increase: false,
        },
    },
    Topic {
        slug: "catheter-infections",
        name: "catheter-associated urinary tract infections",
        titles: &[
            "Fewer catheter infections {on_place}",
            "HOUDINI: catheters out sooner {on_place}",
            "Reducing catheter-associated infections {on_place}",
        ],
        priorities: &["patient-safety"],
        places: &[MedicalWard, ElderlyWard, SurgicalWard, StrokeWard, Icu],
        tags: &["infection prevention", "catheters", "CAUTI", "nursing"],
        problems: &[
            "A point prevalence audit found one patient in four with a urinary catheter, and for a third of them nobody could say why it was still in.",
            "Catheters inserted in the emergency department stayed in for days because nobody on the ward owned the decision to remove them.",
            "The catheter care bundle was on paper and seldom filled in after the first day.",
        ],
        why: &[
            "Every day a catheter stays in raises the risk of infection, and catheter infections can lead to sepsis.",
            "Patients told us that a catheter made them feel like an invalid and kept them in bed.",
        ],
        drivers: &[
            Driver {
                title: "Catheters only when needed",
                secondary: &[
                    ("A clear reason for every catheter", &["insertion-sticker"]),
                    ("Removal as soon as it is no longer needed", &["houdini-protocol", "daily-review"]),
                ],
            },
            Driver {
                title: "Good catheter care",
                secondary: &[
                    ("The care bundle done every day", &["bundle-prompt"]),
                    ("Patients know how to care for their catheter", &["catheter-passport"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "houdini-protocol", name: "HOUDINI protocol", title: "Nurse-led removal with the HOUDINI protocol", description: "Nurses remove a catheter without a doctor's order unless one of the HOUDINI reasons applies." },
            Idea { id: "insertion-sticker", name: "insertion sticker", title: "A catheter insertion sticker", description: "Date, reason and planned review date on a sticker in the notes." },
            Idea { id: "daily-review", name: "daily catheter review", title: "Catheters on the daily board round", description: "Every catheter discussed every day: is it still needed?" },
            Idea { id: "bundle-prompt", name: "care bundle prompt", title: "An electronic catheter care bundle prompt", description: "The daily care bundle prompted in the electronic nursing record." },
            Idea { id: "catheter-passport", name: "catheter passport", title: "A catheter passport for patients", description: "A booklet that travels with the patient, recording insertion, care and the plan for removal." },
        ],
        process: ProcessMeasure {
            id: "catheter-bundle-compliance",
            title: "Catheter care bundle compliance",
            definition: "Catheterised patients audited in the month with every element of the catheter care bundle completed (numerator), out of all catheterised patients audited in the month (denominator).",
            unit: "% of catheterised patients",
            phrase: "catheterised patients with the care bundle completed",
            source: "Monthly infection prevention audit",
            before: (0.45, 0.65),
            after: (0.82, 0.94),
            denominators: (18, 40),
            target: 90.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "cauti-per-1000-catheter-days",
            title: "Catheter-associated urinary tract infections per 1,000 catheter days",
            definition: "Catheter-associated urinary tract infections meeting the surveillance definition in the month (numerator), divided by catheter days in the month (denominator), multiplied by 1,000.",
            unit: "infections per 1,000 catheter days",
            source: "Infection prevention surveillance",
            chart: U { multiplier: 1000.0, denominators: (350, 650) },
            before: (5.0, 8.0),
            effect: (0.45, 0.7),
            increase: false,
        },
    },
    Topic {
        slug: "delirium",
        name: "delirium",
        titles: &[
            "Recognising delirium early {on_place}",
            "Delirium screening {on_place}",
            "Calmer nights: preventing delirium {on_place}",
        ],
        priorities: &["patient-safety", "patient-experience"],
        places: &[ElderlyWard, MedicalWard, SurgicalWard, Amu, StrokeWard],
        tags: &["delirium", "dementia", "4AT", "elderly care"],
        problems: &[
            "Delirium was recorded for only a fraction of the patients who had it, and often only after a fall or an incident.",
            "Night-time noise, bed moves and missing glasses and hearing aids made confusion worse.",
            "The 4AT screen was taught in induction but not built into any routine, so it depended on who was on shift.",
        ],
        why: &[
            "Delirium doubles the risk of dying in hospital and often leads to a longer stay and a move into a care home.",
            "Carers told us they knew within minutes that their relative was 'not themselves', but nobody asked them.",
        ],
        drivers: &[
            Driver {
                title: "Delirium recognised",
                secondary: &[
                    ("Screening on admission and when behaviour changes", &["4at-prompt"]),
                    ("Carers' knowledge used", &["this-is-me"]),
                ],
            },
            Driver {
                title: "Delirium prevented",
                secondary: &[
                    ("Orientation, glasses and hearing aids", &["sensory-box"]),
                    ("Undisturbed sleep", &["quiet-nights"]),
                    ("Bed moves only when essential", &["no-night-moves"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "4at-prompt", name: "4AT prompt", title: "4AT screening prompt at admission", description: "The 4AT added to the admission record for every patient aged 65 or over." },
            Idea { id: "this-is-me", name: "'This is me' profile", title: "'This is me' completed with carers", description: "A one-page profile of the person, their routines and what calms them, filled in with their family." },
            Idea { id: "sensory-box", name: "sensory box", title: "A sensory box in every bay", description: "Spare hearing aid batteries, magnifiers, clocks and orientation boards." },
            Idea { id: "quiet-nights", name: "quiet nights", title: "Quiet nights from 11 pm", description: "Dimmed lights, quiet bins and no routine observations between 11 pm and 6 am unless clinically needed." },
            Idea { id: "no-night-moves", name: "no-moves-at-night rule", title: "No bed moves after 10 pm", description: "Patients at risk of delirium are not moved between wards at night unless it is essential." },
        ],
        process: ProcessMeasure {
            id: "4at-within-24h",
            title: "Delirium screening (4AT) within 24 hours of admission",
            definition: "Patients aged 65 and over admitted in the month who had a 4AT delirium screen within 24 hours of admission (numerator), out of all patients aged 65 and over admitted in the month (denominator).",
            unit: "% of admissions aged 65+",
            phrase: "older patients screened for delirium within 24 hours",
            source: "Electronic nursing record",
            before: (0.30, 0.50),
            after: (0.72, 0.88),
            denominators: (40, 100),
            target: 85.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "length-of-stay-delirium",
            title: "Length of stay of patients with delirium (monthly mean)",
            definition: "The mean length of stay in days of patients discharged in the month who had delirium recorded during their stay.",
            unit: "days",
            source: "Patient administration system and electronic nursing record",
            chart: I { cv: 0.08 },
            before: (12.0, 17.0),
            effect: (0.78, 0.9),
            increase: false,
        },
    },
    Topic {
        slug: "outpatient-dna",
        name: "missed outpatient appointments",
        titles: &[
            "Fewer missed appointments {on_place}",
            "Reducing did-not-attend rates {on_place}",
        ],
        priorities: &["timely-care", "patient-experience"],
        places: &[Outpatients],
        tags: &["outpatients", "did not attend", "text reminders", "waiting lists"],
        problems: &[
            "About one appointment in eight was missed without notice, and each missed slot was a lost appointment for someone on the waiting list.",
            "Patients told us their letters arrived late, went to an old address, or gave no way to cancel except a phone line that was always busy.",
            "Missed appointments were highest among younger adults and in the first appointment after a referral.",
        ],
        why: &[
            "Every missed appointment lengthens the wait for everyone else, and patients who miss appointments often need care most.",
            "Patients wanted an easy way to tell us they could not come, so that someone else could have the slot.",
        ],
        drivers: &[
            Driver {
                title: "Patients know when their appointment is",
                secondary: &[
                    ("Reminders that reach patients", &["text-reminders", "phone-reminders"]),
                    ("Letters that are clear", &["plain-letters"]),
                ],
            },
            Driver {
                title: "Easy to change or cancel",
                secondary: &[
                    ("Cancelling takes one step", &["two-way-text"]),
                    ("Appointments that suit patients", &["patient-booking"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "text-reminders", name: "text reminders", title: "Text reminders 7 days and 2 days before", description: "An automatic text message with the date, time and place of the appointment." },
            Idea { id: "two-way-text", name: "two-way text reminders", title: "Two-way text reminders", description: "Patients reply CANCEL or REBOOK, and the slot is offered to someone else." },
            Idea { id: "phone-reminders", name: "phone reminders", title: "Phone calls to patients booked for a first appointment", description: "An administrator rings each new patient two days before." },
            Idea { id: "plain-letters", name: "plain-English letters", title: "Appointment letters rewritten with patients", description: "The date, time and place first, with how to cancel in large print." },
            Idea { id: "patient-booking", name: "patient-led booking", title: "Patients choose their own appointment", description: "Patients are sent a link to choose a slot instead of being given one." },
        ],
        process: ProcessMeasure {
            id: "did-not-attend-rate",
            title: "Did-not-attend rate",
            definition: "Appointments in the month that the patient missed without telling us (numerator), out of all appointments booked in the month (denominator).",
            unit: "% of appointments",
            phrase: "appointments missed without notice",
            source: "Outpatient booking system",
            before: (0.10, 0.15),
            after: (0.05, 0.08),
            denominators: (300, 700),
            target: 8.0,
            increase: false,
        },
        outcome: OutcomeMeasure {
            id: "weeks-to-first-appointment",
            title: "Wait for a first appointment (monthly mean)",
            definition: "The mean wait in weeks from referral to first appointment for patients seen for the first time in the month.",
            unit: "weeks",
            source: "Outpatient booking system",
            chart: I { cv: 0.06 },
            before: (12.0, 20.0),
            effect: (0.78, 0.9),
            increase: false,
        },
    },
    Topic {
        slug: "theatre-start",
        name: "theatre start times",
        titles: &[
            "Starting theatre lists on time {on_place}",
            "First case on time {on_place}",
        ],
        priorities: &["timely-care"],
        places: &[Theatres],
        tags: &["theatres", "productivity", "team brief", "cancelled operations"],
        problems: &[
            "Fewer than half of morning lists started within 15 minutes of the planned time, and late starts led to cancellations at the end of the day.",
            "The team brief waited until every member of the team was present, so one late arrival held up the whole list.",
            "Patients were sent for only once the anaesthetist had seen them, which added twenty minutes to every first case.",
        ],
        why: &[
            "An operation cancelled on the day is distressing for patients who have fasted, arranged care and prepared themselves.",
            "Theatre time is among the most expensive in the hospital, and every lost minute lengthens the waiting list.",
        ],
        drivers: &[
            Driver {
                title: "The team ready at 8",
                secondary: &[
                    ("Team brief starts on time", &["brief-at-0800"]),
                    ("The list is final the day before", &["list-sign-off"]),
                ],
            },
            Driver {
                title: "The patient ready at 8",
                secondary: &[
                    ("Patient prepared and consented before the day", &["pre-op-call"]),
                    ("The first patient sent for early", &["send-early"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "brief-at-0800", name: "8 am team brief", title: "The team brief starts at 8:00 with whoever is present", description: "A five-minute brief at 8:00 sharp; late arrivals are briefed individually." },
            Idea { id: "list-sign-off", name: "list sign-off", title: "The list signed off by 2 pm the day before", description: "The surgeon and anaesthetist agree the order the day before, so nothing changes on the morning." },
            Idea { id: "pre-op-call", name: "pre-operative call", title: "A pre-operative phone call the day before", description: "A nurse confirms fasting, medicines and arrival time with each first patient." },
            Idea { id: "send-early", name: "early send for the first patient", title: "Send for the first patient at 7:45", description: "The first patient is brought to theatre reception before the brief ends." },
        ],
        process: ProcessMeasure {
            id: "first-case-on-time",
            title: "First cases started within 15 minutes of the planned time",
            definition: "Morning theatre lists in the month whose first case started (knife to skin or block) within 15 minutes of the planned start (numerator), out of all morning lists in the month (denominator).",
            unit: "% of lists",
            phrase: "lists starting on time",
            source: "Theatre management system",
            before: (0.30, 0.48),
            after: (0.62, 0.80),
            denominators: (60, 160),
            target: 80.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "first-case-delay",
            title: "First-case start delay (monthly mean)",
            definition: "The mean delay in minutes between the planned and actual start of the first case of each morning list in the month.",
            unit: "minutes",
            source: "Theatre management system",
            chart: I { cv: 0.12 },
            before: (17.0, 28.0),
            effect: (0.4, 0.6),
            increase: false,
        },
    },
    Topic {
        slug: "ed-waits",
        name: "emergency department waits",
        titles: &[
            "Faster initial assessment {on_place}",
            "Reducing waits {on_place}",
            "Rapid assessment and treatment {on_place}",
        ],
        priorities: &["timely-care", "patient-safety"],
        places: &[Ed],
        tags: &["emergency department", "waiting times", "triage", "patient flow"],
        problems: &[
            "Patients waited on average half an hour for their first assessment, and longer when several ambulances arrived together.",
            "Triage was done by one nurse in a single room, with no way to flex when queues built up.",
            "Tests were ordered only after a doctor's review, so results arrived late in the patient's stay.",
        ],
        why: &[
            "Long waits in the emergency department are linked to worse outcomes, especially for older people and those who are admitted.",
            "Patients and families told us that not knowing how long they would wait was the hardest part.",
        ],
        drivers: &[
            Driver {
                title: "Rapid first assessment",
                secondary: &[
                    ("Triage that flexes with demand", &["rapid-assessment-team", "second-triage-nurse"]),
                    ("Tests started at triage", &["triage-bloods"]),
                ],
            },
            Driver {
                title: "Patients streamed to the right place",
                secondary: &[
                    ("Minor illness seen in the urgent treatment centre", &["streaming-nurse"]),
                ],
            },
            Driver {
                title: "Patients informed",
                secondary: &[
                    ("Waiting times shown on a screen", &["wait-time-screen"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "rapid-assessment-team", name: "rapid assessment team", title: "A senior-led rapid assessment team at the front door", description: "A consultant and a nurse see ambulance arrivals together within 15 minutes." },
            Idea { id: "second-triage-nurse", name: "second triage nurse", title: "A second triage nurse at peak times", description: "A second nurse opens another triage room whenever more than five patients are waiting." },
            Idea { id: "triage-bloods", name: "triage blood tests", title: "Blood tests taken at triage", description: "Standard blood tests started at triage by protocol, before the doctor's review." },
            Idea { id: "streaming-nurse", name: "streaming nurse", title: "A streaming nurse at the entrance", description: "An experienced nurse directs walk-in patients to the urgent treatment centre, the GP or the main department." },
            Idea { id: "wait-time-screen", name: "waiting time screen", title: "Live waiting times on a screen", description: "The expected wait shown in the waiting room and updated every 15 minutes." },
        ],
        process: ProcessMeasure {
            id: "seen-within-4-hours",
            title: "Patients admitted, transferred or discharged within 4 hours",
            definition: "Attendances in the month where the patient left the department within 4 hours of arrival (numerator), out of all attendances in the month (denominator).",
            unit: "% of attendances",
            phrase: "attendances completed within 4 hours",
            source: "Emergency department information system",
            before: (0.60, 0.70),
            after: (0.74, 0.82),
            denominators: (3200, 6800),
            target: 78.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "time-to-initial-assessment",
            title: "Time to initial assessment (monthly mean)",
            definition: "The mean time in minutes from arrival to the first clinical assessment, for all attendances in the month.",
            unit: "minutes",
            source: "Emergency department information system",
            chart: I { cv: 0.08 },
            before: (24.0, 38.0),
            effect: (0.5, 0.7),
            increase: false,
        },
    },
    Topic {
        slug: "staff-wellbeing",
        name: "staff wellbeing",
        titles: &[
            "Rest and recovery for staff {on_place}",
            "Looking after our staff {on_place}",
            "Reducing sickness absence {on_place}",
        ],
        priorities: &["workforce-wellbeing"],
        places: &[Ed, Icu, MedicalWard, Maternity, District, MentalHealth, Theatres],
        tags: &["staff wellbeing", "sickness absence", "breaks", "retention"],
        problems: &[
            "Staff told us they rarely took a full break, and that there was nowhere quiet to go when they did.",
            "Sickness absence had been above the trust average for two years, with stress and musculoskeletal injury the commonest reasons.",
            "Rota requests were handled informally, and staff felt the same people always got the weekends off.",
        ],
        why: &[
            "Tired staff make more mistakes and leave sooner, and every vacancy puts more pressure on those who stay.",
            "Staff wellbeing is patient safety: the team's exhaustion was the first thing patients noticed in our feedback.",
        ],
        drivers: &[
            Driver {
                title: "Proper breaks",
                secondary: &[
                    ("Somewhere to rest", &["rest-room"]),
                    ("Breaks planned into the shift", &["break-board"]),
                ],
            },
            Driver {
                title: "A fair rota",
                secondary: &[
                    ("Requests handled openly", &["fair-rota"]),
                ],
            },
            Driver {
                title: "Support when it is hard",
                secondary: &[
                    ("Time to talk after difficult events", &["wellbeing-huddle"]),
                    ("A supportive return to work", &["return-to-work"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "rest-room", name: "staff rest room", title: "A staff rest room designed by the team", description: "A quiet room with comfortable chairs, a kettle and no clinical work." },
            Idea { id: "break-board", name: "break board", title: "A break board at the nurses' station", description: "Break times planned at the start of the shift and crossed off when taken." },
            Idea { id: "fair-rota", name: "fair rota requests", title: "Fair rules for rota requests", description: "Written rules, agreed by the team, for weekends, leave and swaps." },
            Idea { id: "wellbeing-huddle", name: "wellbeing huddle", title: "A wellbeing huddle after difficult shifts", description: "Ten minutes at the end of a hard shift to check in with each other." },
            Idea { id: "return-to-work", name: "return-to-work conversations", title: "Supportive return-to-work conversations", description: "A conversation within a day of returning, focused on what would help." },
        ],
        process: ProcessMeasure {
            id: "staff-taking-breaks",
            title: "Staff taking a full break",
            definition: "Shifts sampled in the month on which the member of staff took a full, uninterrupted break (numerator), out of all shifts sampled in the month (denominator).",
            unit: "% of shifts",
            phrase: "shifts with a full break",
            source: "End-of-shift survey",
            before: (0.30, 0.48),
            after: (0.62, 0.80),
            denominators: (40, 110),
            target: 80.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "sickness-absence-rate",
            title: "Sickness absence",
            definition: "Hours lost to sickness absence as a percentage of contracted hours, for all staff in the team, by calendar month.",
            unit: "% of contracted hours",
            source: "Electronic staff record",
            chart: I { cv: 0.07 },
            before: (5.8, 7.8),
            effect: (0.75, 0.88),
            increase: false,
        },
    },
    Topic {
        slug: "hand-hygiene",
        name: "hospital-onset infections",
        titles: &[
            "Clean hands, fewer infections {on_place}",
            "Hand hygiene {on_place}",
            "Preventing hospital-onset infection {on_place}",
        ],
        priorities: &["patient-safety"],
        places: &[MedicalWard, SurgicalWard, Icu, Neonatal, ElderlyWard, TrustWide],
        tags: &["infection prevention", "hand hygiene", "C. difficile", "harm-free care"],
        problems: &[
            "Hand hygiene audits by the ward's own staff showed high compliance, but independent observers found less than three in four opportunities taken.",
            "Hand gel dispensers were often empty or out of reach at the bedside.",
            "Side rooms for isolation were allocated by bed pressure rather than infection risk.",
        ],
        why: &[
            "Infections caught in hospital lengthen stays, need more antibiotics and sometimes kill.",
            "Patients told us they noticed, and worried, when staff did not clean their hands.",
        ],
        drivers: &[
            Driver {
                title: "Clean hands every time",
                secondary: &[
                    ("Gel at every point of care", &["gel-at-bedside"]),
                    ("Honest, independent audit", &["peer-audit"]),
                ],
            },
            Driver {
                title: "Infections contained",
                secondary: &[
                    ("Isolation within 2 hours", &["rapid-isolation"]),
                    ("Stool samples sent promptly", &["stool-chart-prompt"]),
                ],
            },
            Driver {
                title: "Patients as partners",
                secondary: &[
                    ("Patients feel able to ask", &["ask-me-badge"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "gel-at-bedside", name: "bedside gel", title: "Hand gel on every bed end", description: "A gel bottle clipped to every bed, checked and refilled on the morning round." },
            Idea { id: "peer-audit", name: "peer audit", title: "Hand hygiene audit by another ward", description: "Wards audit each other, so that results reflect what patients see." },
            Idea { id: "rapid-isolation", name: "rapid isolation", title: "Isolation within 2 hours of symptoms", description: "A side room allocated by the site team within two hours for patients with diarrhoea." },
            Idea { id: "stool-chart-prompt", name: "stool chart prompt", title: "A stool chart prompt to send a sample", description: "A prompt on the stool chart to send a sample at the second loose stool." },
            Idea { id: "ask-me-badge", name: "'ask me' badge", title: "'Ask me if I've cleaned my hands' badges", description: "Badges that invite patients and visitors to ask." },
        ],
        process: ProcessMeasure {
            id: "hand-hygiene-compliance",
            title: "Hand hygiene compliance (independent audit)",
            definition: "Hand hygiene opportunities observed in the month by an auditor from another area where hands were cleaned (numerator), out of all opportunities observed (denominator).",
            unit: "% of opportunities",
            phrase: "hand hygiene opportunities taken",
            source: "Independent monthly observation audit",
            before: (0.62, 0.78),
            after: (0.88, 0.96),
            denominators: (60, 140),
            target: 95.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "hospital-onset-infections",
            title: "Hospital-onset infections per 1,000 bed days",
            definition: "Hospital-onset bloodstream and C. difficile infections in the month (numerator), divided by occupied bed days (denominator), multiplied by 1,000.",
            unit: "infections per 1,000 bed days",
            source: "Infection prevention surveillance",
            chart: U { multiplier: 1000.0, denominators: (2400, 4200) },
            before: (1.4, 2.4),
            effect: (0.55, 0.75),
            increase: false,
        },
    },
    Topic {
        slug: "mouth-care",
        name: "mouth care",
        titles: &[
            "Mouth care matters {on_place}",
            "Preventing hospital-acquired pneumonia {on_place}",
        ],
        priorities: &["patient-safety", "patient-experience"],
        places: &[ElderlyWard, StrokeWard, MedicalWard, Icu, CommunityHospital],
        tags: &["mouth care", "pneumonia", "nursing", "fundamentals of care"],
        problems: &[
            "Mouth care was seldom recorded, and toothbrushes and denture pots were often missing.",
            "Patients who could not clean their own teeth depended on whoever had time, which at night was nobody.",
            "Staff had not been trained in mouth care since their student days.",
        ],
        why: &[
            "Poor mouth care lets bacteria build up that patients can breathe in, and hospital-acquired pneumonia is a serious and common harm.",
            "A clean mouth matters for dignity, comfort and being able to eat.",
        ],
        drivers: &[
            Driver {
                title: "Every patient's needs assessed",
                secondary: &[
                    ("Mouth care assessment on admission", &["mouth-care-assessment"]),
                ],
            },
            Driver {
                title: "Care given every day",
                secondary: &[
                    ("The right equipment at every bed", &["mouth-care-pack"]),
                    ("Mouth care part of the routine", &["mouth-care-chart", "link-nurse"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "mouth-care-assessment", name: "mouth care assessment", title: "A mouth care assessment on admission", description: "A short assessment that sets the level of help the patient needs." },
            Idea { id: "mouth-care-pack", name: "mouth care pack", title: "A mouth care pack for every patient", description: "Toothbrush, toothpaste, denture pot and mouth swabs in a labelled bag." },
            Idea { id: "mouth-care-chart", name: "mouth care chart", title: "Mouth care on the intentional rounding chart", description: "Morning and evening mouth care recorded with the other fundamentals of care." },
            Idea { id: "link-nurse", name: "mouth care link nurse", title: "A mouth care link nurse", description: "A trained healthcare assistant who teaches colleagues and checks supplies." },
        ],
        process: ProcessMeasure {
            id: "mouth-care-given",
            title: "Mouth care given twice a day",
            definition: "Patients audited in the month whose records show mouth care given morning and evening on the previous day (numerator), out of all patients audited in the month (denominator).",
            unit: "% of patients",
            phrase: "patients given mouth care twice a day",
            source: "Monthly fundamentals of care audit",
            before: (0.25, 0.45),
            after: (0.70, 0.88),
            denominators: (20, 40),
            target: 90.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "hospital-acquired-pneumonia",
            title: "Hospital-acquired pneumonia per 1,000 bed days",
            definition: "New pneumonia diagnosed more than 48 hours after admission in the month (numerator), divided by occupied bed days (denominator), multiplied by 1,000.",
            unit: "pneumonias per 1,000 bed days",
            source: "Clinical coding, validated by the ward team",
            chart: U { multiplier: 1000.0, denominators: (650, 900) },
            before: (3.5, 6.0),
            effect: (0.55, 0.75),
            increase: false,
        },
    },
    Topic {
        slug: "anaesthetic-gases",
        name: "anaesthetic gas emissions",
        titles: &[
            "Greener anaesthesia {on_place}",
            "Cutting anaesthetic gas emissions {on_place}",
        ],
        priorities: &["sustainability"],
        places: &[Theatres, Maternity],
        tags: &["sustainability", "net zero", "anaesthesia", "nitrous oxide"],
        problems: &[
            "Desflurane was still used for a third of general anaesthetics, mostly out of habit.",
            "Piped nitrous oxide leaked from the manifold night and day, whether or not anyone used it.",
            "Fresh gas flows were set high at the start of cases and seldom turned down.",
        ],
        why: &[
            "Anaesthetic gases are potent greenhouse gases: an hour of desflurane emits as much as hundreds of miles of driving.",
            "The trust's net zero plan depends on cutting emissions that clinicians directly control.",
        ],
        drivers: &[
            Driver {
                title: "Lower-carbon agents",
                secondary: &[
                    ("Desflurane removed from routine use", &["remove-desflurane"]),
                    ("Total intravenous anaesthesia where suitable", &["tiva-default"]),
                ],
            },
            Driver {
                title: "Less waste",
                secondary: &[
                    ("Low fresh gas flows", &["low-flow-prompt"]),
                    ("No leaks", &["nitrous-cylinders"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "remove-desflurane", name: "desflurane removal", title: "Desflurane vaporisers removed from anaesthetic machines", description: "Desflurane available only on request from the theatre store." },
            Idea { id: "tiva-default", name: "TIVA default", title: "Total intravenous anaesthesia as the default for suitable cases", description: "TIVA set as the default technique for day-case lists." },
            Idea { id: "low-flow-prompt", name: "low-flow prompt", title: "A low-flow prompt on every anaesthetic machine", description: "A sticker and a screen prompt to reduce fresh gas flow once the patient is stable." },
            Idea { id: "nitrous-cylinders", name: "nitrous oxide cylinders", title: "Piped nitrous oxide replaced by cylinders", description: "The manifold decommissioned and portable cylinders used where nitrous oxide is needed." },
        ],
        process: ProcessMeasure {
            id: "low-flow-anaesthesia",
            title: "General anaesthetics using low fresh gas flow",
            definition: "General anaesthetics in the month with fresh gas flow at or below 1 litre a minute during maintenance (numerator), out of all volatile general anaesthetics in the month (denominator).",
            unit: "% of anaesthetics",
            phrase: "anaesthetics using low fresh gas flow",
            source: "Anaesthetic machine data download",
            before: (0.25, 0.45),
            after: (0.65, 0.85),
            denominators: (250, 600),
            target: 80.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "anaesthetic-gas-co2e",
            title: "Anaesthetic gas emissions (tonnes CO2e a month)",
            definition: "Tonnes of carbon dioxide equivalent from volatile anaesthetic agents and nitrous oxide, calculated from monthly pharmacy issues.",
            unit: "tonnes CO2e",
            source: "Pharmacy issues, converted with published global warming potentials",
            chart: I { cv: 0.1 },
            before: (9.0, 16.0),
            effect: (0.4, 0.6),
            increase: false,
        },
    },
    Topic {
        slug: "skin-to-skin",
        name: "skin-to-skin contact after birth",
        titles: &[
            "Skin-to-skin in the first hour {on_place}",
            "Keeping mothers and babies together {on_place}",
        ],
        priorities: &["patient-experience", "patient-safety"],
        places: &[Maternity, Neonatal],
        tags: &["maternity", "skin-to-skin", "breastfeeding", "neonatal"],
        problems: &[
            "Skin-to-skin contact in the first hour happened for most straightforward births but rarely after a caesarean section.",
            "Babies were separated from their mothers for routine checks that could have waited.",
            "Term babies were admitted to the neonatal unit with low temperatures and low blood sugars that skin-to-skin contact helps prevent.",
        ],
        why: &[
            "Skin-to-skin contact keeps babies warm, steadies their blood sugar and helps breastfeeding to start.",
            "Parents told us that being separated from their baby in the first hours was what they remembered most.",
        ],
        drivers: &[
            Driver {
                title: "Skin-to-skin for every birth",
                secondary: &[
                    ("In theatre as well as on the labour ward", &["theatre-skin-to-skin"]),
                    ("Routine checks done on the mother's chest", &["checks-on-chest"]),
                ],
            },
            Driver {
                title: "Babies kept warm and fed",
                secondary: &[
                    ("Warmth after birth", &["hats-and-blankets"]),
                    ("Early feeding support", &["feeding-support"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "theatre-skin-to-skin", name: "theatre skin-to-skin", title: "Skin-to-skin contact in theatre", description: "A midwife supports skin-to-skin during caesarean sections from the moment of birth." },
            Idea { id: "checks-on-chest", name: "on-the-chest newborn checks", title: "Newborn checks done skin-to-skin", description: "Routine observations of the baby done while it lies on the mother's chest." },
            Idea { id: "hats-and-blankets", name: "warm pack", title: "A warm pack at every birth", description: "A hat and warmed blankets ready before every birth." },
            Idea { id: "feeding-support", name: "first-hour feeding support", title: "Feeding support in the first hour", description: "A midwife or maternity support worker helps with the first feed." },
        ],
        process: ProcessMeasure {
            id: "skin-to-skin-first-hour",
            title: "Skin-to-skin contact within 1 hour of birth",
            definition: "Babies born alive at term in the month who had skin-to-skin contact with a parent within one hour of birth (numerator), out of all babies born alive at term in the month (denominator).",
            unit: "% of term births",
            phrase: "term babies with skin-to-skin contact in the first hour",
            source: "Maternity information system",
            before: (0.55, 0.70),
            after: (0.82, 0.93),
            denominators: (200, 420),
            target: 90.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "term-admissions-to-neonatal-unit",
            title: "Term admissions to the neonatal unit per 1,000 births",
            definition: "Babies born at 37 weeks or later admitted to the neonatal unit in the month (numerator), divided by term live births in the month (denominator), multiplied by 1,000.",
            unit: "admissions per 1,000 term births",
            source: "Maternity and neonatal information systems",
            chart: U { multiplier: 1000.0, denominators: (200, 420) },
            before: (45.0, 65.0),
            effect: (0.7, 0.85),
            increase: false,
        },
    },
    Topic {
        slug: "bedside-handover",
        name: "bedside handover",
        titles: &[
            "Bedside handover with patients {on_place}",
            "Involving patients in handover {on_place}",
        ],
        priorities: &["patient-experience"],
        places: &[MedicalWard, SurgicalWard, ElderlyWard, Childrens, MentalHealth],
        tags: &["handover", "patient involvement", "communication", "patient experience"],
        problems: &[
            "Handover happened in the office, and patients told us they often did not know who their nurse was or what the plan for the day was.",
            "Handovers overran by twenty minutes, and much of the information was repeated from the notes.",
            "Night staff heard about patients they would never see, while the day team waited.",
        ],
        why: &[
            "Patients who are involved in handover can correct mistakes and feel part of their own care.",
            "A shorter, clearer handover gives nurses back time at the start of the shift.",
        ],
        drivers: &[
            Driver {
                title: "Patients part of the handover",
                secondary: &[
                    ("Handover at the bedside", &["bedside-handover", "handover-card"]),
                    ("Patients invited to add or correct", &["handover-question"]),
                ],
            },
            Driver {
                title: "An efficient handover",
                secondary: &[
                    ("A short written summary", &["sbar-sheet"]),
                    ("Confidential matters handed over privately", &["safety-brief"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "bedside-handover", name: "bedside handover", title: "Nursing handover at the bedside", description: "The outgoing and incoming nurses hand over at each bed, introducing themselves to the patient." },
            Idea { id: "handover-card", name: "handover card", title: "A card explaining bedside handover", description: "Given to patients on admission, so they know what to expect and that they can join in." },
            Idea { id: "handover-question", name: "'anything to add?' question", title: "Asking every patient 'is there anything you'd like to add?'", description: "A closing question at every bed." },
            Idea { id: "sbar-sheet", name: "SBAR handover sheet", title: "A one-page SBAR handover sheet", description: "A printed summary per patient, updated through the shift." },
            Idea { id: "safety-brief", name: "safety brief", title: "A five-minute safety brief before bedside handover", description: "Confidential and ward-wide matters covered together, away from the bedside." },
        ],
        process: ProcessMeasure {
            id: "involved-in-handover",
            title: "Patients involved in their handover",
            definition: "Patients surveyed in the month who said they were involved in the nursing handover about them (numerator), out of all patients surveyed in the month (denominator).",
            unit: "% of patients",
            phrase: "patients involved in their handover",
            source: "Monthly patient survey",
            before: (0.20, 0.40),
            after: (0.62, 0.82),
            denominators: (25, 60),
            target: 80.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "patient-experience-score",
            title: "Patient experience score (monthly mean)",
            definition: "The mean answer, from 0 to 10, to 'Overall, how would you rate your care on this ward?' in the monthly patient survey.",
            unit: "score out of 10",
            source: "Monthly patient survey",
            chart: I { cv: 0.03 },
            before: (6.8, 7.8),
            effect: (1.08, 1.15),
            increase: true,
        },
    },
    Topic {
        slug: "restrictive-practice",
        name: "restrictive practice",
        titles: &[
            "Reducing restrictive practice {on_place}",
            "Safewards {on_place}",
            "Calmer wards, less restraint {on_place}",
        ],
        priorities: &["patient-safety", "patient-experience"],
        places: &[MentalHealth],
        tags: &["mental health", "restrictive practice", "Safewards", "restraint"],
        problems: &[
            "Restraint and rapid tranquillisation were used most often in the evening, after visiting, and during ward rounds.",
            "Patients told us that they did not know the ward's rules, and found out only when they broke one.",
            "Incidents often followed a refused request, such as leave or a phone call, with no explanation given.",
        ],
        why: &[
            "Restraint is frightening and can cause injury to patients and staff, and it damages the trust that recovery depends on.",
            "People with lived experience of the ward told us calm, predictable days mattered more than anything else.",
        ],
        drivers: &[
            Driver {
                title: "A predictable ward",
                secondary: &[
                    ("Clear mutual expectations", &["mutual-expectations"]),
                    ("Bad news delivered with care", &["bad-news-mitigation"]),
                ],
            },
            Driver {
                title: "Early calming",
                secondary: &[
                    ("Talk down first", &["talk-down"]),
                    ("A calm space to go to", &["calm-box"]),
                ],
            },
            Driver {
                title: "Learning together",
                secondary: &[
                    ("Debrief after every incident", &["debrief"]),
                ],
            },
        ],
        ideas: &[
            Idea { id: "mutual-expectations", name: "mutual expectations", title: "Mutual expectations agreed with patients", description: "A short list of what patients and staff can expect of each other, agreed at the community meeting." },
            Idea { id: "bad-news-mitigation", name: "bad news mitigation", title: "Planning how to deliver bad news", description: "Staff plan how and when to tell a patient about refused leave or a change in their care." },
            Idea { id: "talk-down", name: "talk-down training", title: "Talk-down tips for every shift", description: "Ten de-escalation tips, practised in short sessions at handover." },
            Idea { id: "calm-box", name: "calm-down box", title: "A calm-down box", description: "Sensory items patients can use when they feel distressed." },
            Idea { id: "debrief", name: "post-incident debrief", title: "A debrief after every restraint", description: "Staff and, when ready, the patient talk through what happened and what might help next time." },
        ],
        process: ProcessMeasure {
            id: "debriefs-completed",
            title: "Debriefs completed after restrictive interventions",
            definition: "Restrictive interventions in the month followed by a staff debrief within 72 hours (numerator), out of all restrictive interventions in the month (denominator).",
            unit: "% of interventions",
            phrase: "restrictive interventions followed by a debrief",
            source: "Incident reporting system",
            before: (0.25, 0.45),
            after: (0.70, 0.88),
            denominators: (12, 35),
            target: 90.0,
            increase: true,
        },
        outcome: OutcomeMeasure {
            id: "restrictive-interventions",
            title: "Restrictive interventions per 1,000 occupied bed days",
            definition: "Physical restraint, rapid tranquillisation and seclusion in the month (numerator), divided by occupied bed days (denominator), multiplied by 1,000.",
            unit: "interventions per 1,000 bed days",
            source: "Incident reporting system; bed days from the patient administration system",
            chart: U { multiplier: 1000.0, denominators: (500, 700) },
            before: (22.0, 40.0),
            effect: (0.5, 0.72),
            increase: false,
        },
    },
];
