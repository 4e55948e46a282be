//! Word banks that are not tied to a topic: towns and hospitals, wards and teams, people's
//! names and jobs, and the sentences that frame every write-up, cycle and story.
//! Everything is fictional.

use super::rng::Rng;
use super::text::slugify;
use super::topics::PlaceKind::{self, *};

const TOWN_STARTS: &[&str] = &[
    "Ash", "Brack", "Cald", "Dun", "Elm", "Fair", "Glen", "Hal", "Ivy", "Kings", "Lang", "Mill",
    "North", "Oak", "Pen", "Red", "Stan", "Thorn", "Upper", "West", "Wex", "Yar", "Bram", "Cross",
    "Dal", "Fern", "Grey", "Hart", "Lyn", "Marsh",
];
const TOWN_ENDS: &[&str] = &[
    "ford", "ham", "ley", "bury", "ton", "wick", "field", "mouth", "dale", "stead", "worth", "by",
    "combe", "minster",
];
const HOSPITAL_KINDS: &[&str] = &[
    "General Hospital",
    "Royal Infirmary",
    "University Hospital",
    "District Hospital",
];
const TREES: &[&str] = &[
    "Oak", "Ash", "Beech", "Willow", "Rowan", "Cedar", "Maple", "Holly", "Hazel", "Elm", "Larch",
    "Birch", "Juniper", "Alder", "Aspen", "Linden",
];
const FLOWERS: &[&str] = &[
    "Poppy", "Bluebell", "Daffodil", "Primrose", "Snowdrop", "Foxglove", "Tulip", "Iris",
];
const BIRDS: &[&str] = &[
    "Puffin",
    "Heron",
    "Kingfisher",
    "Swift",
    "Wren",
    "Robin",
    "Owl",
    "Starling",
    "Kestrel",
];
const MEDICAL_SPECIALTIES: &[&str] = &[
    "respiratory",
    "cardiology",
    "gastroenterology",
    "renal",
    "diabetes and endocrine",
    "general medical",
    "haematology",
];
const SURGICAL_SPECIALTIES: &[&str] = &[
    "general surgery",
    "orthopaedic",
    "urology",
    "vascular",
    "colorectal",
    "trauma",
];
const CLINIC_SPECIALTIES: &[&str] = &[
    "MSK Physiotherapy",
    "Diabetes",
    "Cardiology",
    "Dermatology",
    "Ophthalmology",
    "Respiratory",
    "Rheumatology",
    "Gastroenterology",
];
const COMPASS: &[&str] = &["North", "South", "East", "West", "Central"];

/// A town, by index (the same index always names the same town).
pub fn town(i: usize) -> String {
    let i = i % TOWNS;
    format!(
        "{}{}",
        TOWN_STARTS[i % TOWN_STARTS.len()],
        TOWN_ENDS[(i / TOWN_STARTS.len()) % TOWN_ENDS.len()]
    )
}

pub const TOWNS: usize = TOWN_STARTS.len() * TOWN_ENDS.len();

/// The hospital of a town: every town has one, of a kind fixed by its index.
pub fn hospital(i: usize) -> String {
    format!(
        "{} {}",
        town(i),
        HOSPITAL_KINDS[(i * 7 + i / 5) % HOSPITAL_KINDS.len()]
    )
}

/// Where a project happens.
#[derive(Clone, Debug)]
pub struct Place {
    /// "Ward 7", "the Emergency Department".
    pub name: String,
    /// "on Ward 7", "in the Emergency Department".
    pub on_name: String,
    pub slug: String,
    /// "elderly care", "emergency", …: what kind of service it is, for prose.
    pub specialty: String,
    pub directorate: &'static str,
    /// Whether it has beds (a ward), which decides some wording.
    pub ward: bool,
}

fn ward_name(rng: &mut Rng, pool: &[&str]) -> String {
    if rng.chance(0.5) {
        format!("Ward {}", rng.int(1, 40))
    } else {
        format!("{} Ward", rng.pick(pool))
    }
}

/// A place of the given kind, in the town `town`.
pub fn place(kind: PlaceKind, town: &str, rng: &mut Rng) -> Place {
    let (name, specialty, directorate, ward): (String, String, &'static str, bool) = match kind {
        MedicalWard => (
            ward_name(rng, TREES),
            rng.pick(MEDICAL_SPECIALTIES).to_string(),
            "medicine",
            true,
        ),
        ElderlyWard => (
            ward_name(rng, TREES),
            "elderly care".into(),
            "medicine",
            true,
        ),
        StrokeWard => (
            format!("{} Stroke Unit", rng.pick(TREES)),
            "stroke".into(),
            "medicine",
            true,
        ),
        SurgicalWard => (
            ward_name(rng, TREES),
            rng.pick(SURGICAL_SPECIALTIES).to_string(),
            "surgery",
            true,
        ),
        Amu => (
            "the Acute Medical Unit".into(),
            "acute medicine".into(),
            "medicine",
            true,
        ),
        Ed => (
            "the Emergency Department".into(),
            "emergency".into(),
            "emergency-care",
            false,
        ),
        Theatres => (
            if rng.chance(0.6) {
                "Main Theatres".into()
            } else {
                "the Day Surgery Unit".into()
            },
            "theatres".into(),
            "surgery",
            false,
        ),
        Maternity => (
            if rng.chance(0.5) {
                "the Labour Ward".into()
            } else {
                format!("the {} Birth Centre", rng.pick(FLOWERS))
            },
            "maternity".into(),
            "women-and-children",
            true,
        ),
        Neonatal => (
            "the Neonatal Unit".into(),
            "neonatal".into(),
            "women-and-children",
            true,
        ),
        Childrens => (
            format!("{} Ward", rng.pick(BIRDS)),
            "children's".into(),
            "women-and-children",
            true,
        ),
        Icu => (
            "the Intensive Care Unit".into(),
            "critical care".into(),
            "surgery",
            true,
        ),
        Outpatients => (
            format!("the {} Clinic", rng.pick(CLINIC_SPECIALTIES)),
            "outpatient".into(),
            "clinical-support",
            false,
        ),
        District => (
            format!("the {} District Nursing Team", rng.pick(COMPASS)),
            "district nursing".into(),
            "community",
            false,
        ),
        CommunityHospital => (
            format!("{} Ward, {town} Community Hospital", rng.pick(FLOWERS)),
            "community rehabilitation".into(),
            "community",
            true,
        ),
        MentalHealth => (
            format!("{} Ward", rng.pick(TREES)),
            "adult mental health".into(),
            "mental-health",
            true,
        ),
        TrustWide => (
            format!("{town} hospitals"),
            "trust-wide".into(),
            "corporate-services",
            false,
        ),
    };
    let on_name = match kind {
        Ed | Outpatients | Theatres | Maternity | Neonatal | Icu => format!("in {name}"),
        District => format!("with {name}"),
        TrustWide => format!("across {name}"),
        _ => format!("on {name}"),
    };
    let short = name
        .trim_start_matches("the ")
        .split(',')
        .next()
        .unwrap_or_default()
        .to_string();
    Place {
        slug: slugify(&short),
        name,
        on_name,
        specialty,
        directorate,
        ward,
    }
}

/// The directorates declared in site.yaml: (slug, name, description).
pub const DIRECTORATES: &[(&str, &str, &str)] = &[
    (
        "medicine",
        "Medicine",
        "Acute and elderly care medicine, stroke and the medical specialties.",
    ),
    (
        "surgery",
        "Surgery",
        "Theatres, critical care, the surgical specialties and their wards.",
    ),
    (
        "emergency-care",
        "Emergency care",
        "Emergency departments and urgent treatment centres.",
    ),
    (
        "women-and-children",
        "Women and children",
        "Maternity, neonatal care and children's services.",
    ),
    (
        "community",
        "Community",
        "District nursing, community hospitals and community therapy.",
    ),
    (
        "mental-health",
        "Mental health",
        "Adult and older adult mental health wards and teams.",
    ),
    (
        "clinical-support",
        "Clinical support",
        "Outpatients, pharmacy, diagnostics and therapies.",
    ),
    (
        "corporate-services",
        "Corporate services",
        "Trust-wide programmes, nursing and medical leadership, people services.",
    ),
];

/// The strategic priorities declared in site.yaml.
pub const PRIORITIES: &[(&str, &str, &str)] = &[
    (
        "patient-safety",
        "Patient safety",
        "Reducing avoidable harm, from falls and pressure ulcers to sepsis and infection.",
    ),
    (
        "patient-experience",
        "Patient experience",
        "Care that patients and families describe as kind, involving and well explained.",
    ),
    (
        "timely-care",
        "Timely care",
        "Reducing waits and delays, from the front door to discharge.",
    ),
    (
        "workforce-wellbeing",
        "Workforce wellbeing",
        "Healthy, supported teams who have the time and tools to improve their work.",
    ),
    (
        "sustainability",
        "Sustainability",
        "Greener, less wasteful care, in line with the net zero plan.",
    ),
];

pub const FIRST_NAMES: &[&str] = &[
    "Aisha",
    "Amara",
    "Beth",
    "Chris",
    "Daniel",
    "Grace",
    "Hannah",
    "Helen",
    "Ifeoma",
    "James",
    "Jess",
    "Kevin",
    "Laura",
    "Liam",
    "Marcus",
    "Megan",
    "Nadia",
    "Owen",
    "Priya",
    "Rachel",
    "Ruth",
    "Sofia",
    "Tom",
    "Adam",
    "Bilal",
    "Catherine",
    "Deepa",
    "Emma",
    "Fatima",
    "George",
    "Harriet",
    "Imran",
    "Joanna",
    "Kwame",
    "Lucy",
    "Mohammed",
    "Niamh",
    "Oliver",
    "Paula",
    "Rhys",
    "Sarah",
    "Tariq",
    "Uma",
    "Victoria",
    "William",
    "Yusuf",
    "Zoe",
    "Anjali",
    "Ben",
    "Chloe",
    "Dylan",
    "Eleanor",
    "Farah",
    "Gareth",
    "Hollie",
    "Isaac",
    "Jasmine",
    "Kiran",
    "Leah",
    "Matthew",
    "Nisha",
    "Olu",
    "Patrick",
    "Rosie",
    "Samuel",
    "Thandiwe",
    "Vikram",
    "Wei",
    "Yasmin",
    "Ailsa",
    "Bronwen",
    "Callum",
    "Dominika",
    "Eilidh",
    "Femi",
    "Gemma",
    "Hamza",
    "Ines",
    "Jack",
    "Kasia",
    "Lewis",
    "Maryam",
    "Nathan",
    "Orla",
    "Pooja",
    "Rory",
    "Siobhan",
    "Tomasz",
    "Usha",
    "Wendy",
];

pub const SURNAMES: &[&str] = &[
    "Adeyemi",
    "Okafor",
    "Carrow",
    "Baxter",
    "Mensah",
    "Doyle",
    "Marsh",
    "Nwosu",
    "Whitfield",
    "Thornton",
    "Osei",
    "Finch",
    "O'Connell",
    "Hale",
    "Lloyd",
    "Brennan",
    "Pryce",
    "Raman",
    "Pemberton",
    "Ellison",
    "Kowalczyk",
    "Ashworth",
    "Rahman",
    "Ahmed",
    "Begum",
    "Campbell",
    "Davies",
    "Evans",
    "Fraser",
    "Gill",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nowak",
    "Owusu",
    "Patel",
    "Quinn",
    "Roberts",
    "Singh",
    "Taylor",
    "Usman",
    "Vaughan",
    "Walker",
    "Young",
    "Zielinski",
    "Armstrong",
    "Bell",
    "Chaudhry",
    "Dunn",
    "Edwards",
    "Fletcher",
    "Grant",
    "Hussain",
    "Igwe",
    "Jackson",
    "Kaur",
    "Lee",
    "Mitchell",
    "Nolan",
    "Oyelaran",
    "Parry",
    "Reid",
    "Shah",
    "Turner",
    "Varma",
    "Wright",
    "Akhtar",
    "Boateng",
    "Clarke",
    "Dhillon",
    "Eze",
    "Forsyth",
    "Gordon",
    "Hamilton",
    "Islam",
    "Jenkins",
    "Kelly",
    "Lindsay",
    "McKenzie",
    "Nkemelu",
    "O'Brien",
    "Pearson",
    "Rees",
    "Sutherland",
    "Thomas",
    "Underwood",
    "Wood",
    "Yeung",
    "Mistry",
    "Chen",
    "Kowalski",
    "Murphy",
    "Ali",
    "Bennett",
    "Cooper",
    "Doherty",
    "Ellis",
    "Fox",
    "Green",
    "Harris",
    "Irving",
    "Jamieson",
    "Kirk",
    "Lamb",
    "Mahmood",
    "Nash",
    "Okonkwo",
    "Price",
    "Rowe",
    "Sharma",
    "Tait",
    "Vance",
    "Ward",
];

/// Jobs of project leads in any directorate.
pub const LEAD_JOBS: &[&str] = &[
    "Ward Manager",
    "Sister",
    "Charge Nurse",
    "Staff Nurse",
    "Specialty Registrar",
    "Clinical Nurse Specialist",
    "Matron",
    "Practice Development Nurse",
    "Healthcare Assistant",
];

/// Jobs of project leads found in one directorate.
pub fn lead_jobs(directorate: &str) -> &'static [&'static str] {
    match directorate {
        "medicine" => &[
            "Consultant Physician",
            "Ward Pharmacist",
            "Senior Physiotherapist",
        ],
        "surgery" => &[
            "Consultant Surgeon",
            "Consultant Anaesthetist",
            "Theatre Manager",
        ],
        "emergency-care" => &[
            "Consultant in Emergency Medicine",
            "Emergency Nurse Practitioner",
        ],
        "women-and-children" => &["Midwife", "Consultant Paediatrician", "Neonatal Nurse"],
        "community" => &[
            "District Nurse",
            "Community Matron",
            "Occupational Therapist",
        ],
        "mental-health" => &[
            "Mental Health Nurse",
            "Consultant Psychiatrist",
            "Psychologist",
        ],
        "clinical-support" => &[
            "Outpatient Services Manager",
            "Physiotherapist",
            "Pharmacist",
        ],
        _ => &[
            "Infection Prevention Nurse",
            "Patient Safety Lead",
            "Head of Nursing",
        ],
    }
}

pub const SPONSOR_JOBS: &[&str] = &[
    "Chief Nurse",
    "Medical Director",
    "Divisional Director of Nursing",
    "Clinical Director",
    "Director of Operations",
    "Deputy Chief Nurse",
    "Associate Medical Director",
];
pub const COACH_JOBS: &[&str] = &[
    "QI Coach",
    "Quality Improvement Facilitator",
    "Senior QI Coach",
    "QI Practitioner",
];
pub const ADVISOR_JOBS: &[&str] = &["Improvement Advisor", "Head of Quality Improvement"];

/// Opening sentences of a write-up: the place and its people.
pub const SETTINGS: &[&str] = &[
    "{Place} is a {beds}-bed {specialty} ward at {hospital}.",
    "{Place} at {hospital} cares for about {volume} {specialty} patients a month.",
    "Our team works {on_place} at {hospital}, one of the busiest {specialty} services in the region.",
    "{Place} is part of {hospital} and sees around {volume} patients a month.",
];

/// Sentences on how the team started.
pub const STARTS: &[&str] = &[
    "The team, led by {lead}, began by mapping the process from the patient's point of view and collecting a year of baseline data.",
    "{lead} brought together nurses, doctors, therapists and a patient partner, and we spent the first months understanding the problem before changing anything.",
    "We started with a fishbone diagram and a week of observation, led by {lead}, and then built a driver diagram with the whole team.",
    "Led by {lead}, the team ran a process mapping session and asked patients and staff what got in the way.",
];

/// Sentences that introduce the table of cycles.
pub const CYCLES_INTROS: &[&str] = &[
    "We then tested changes in small cycles, starting small and scaling up what worked:",
    "Our driver diagram gave us a list of change ideas, which we tested one at a time:",
    "We tested each change idea in PDSA cycles, building up from one bay or one shift:",
    "These are the cycles we ran, and what we decided after each:",
];

/// General learning points (any topic).
pub const LEARNING: &[&str] = &[
    "Start smaller than you think: our first test was still too big.",
    "Involve the night team from the beginning, not after the change has been designed.",
    "A change that relies on memory will fade; build it into a form, a screen or a routine.",
    "Abandoned cycles taught us as much as adopted ones, and writing them up honestly helped other teams.",
    "Plotting the data every month kept the team's attention on the aim.",
    "Patients and families spotted problems that staff had stopped noticing.",
    "Agreeing the measure definition at the start saved arguments later.",
    "A short huddle to review the chart each week was worth more than a long monthly meeting.",
    "The busiest weeks were when the change mattered most and when it was hardest to keep going.",
    "Sharing our run chart on the staff room wall got more people interested than any email.",
    "Temporary staff need the change explained in one sentence, on the shift they start.",
    "Small wins early on kept the team going through the months when the data did not move.",
];

/// Sentences on patient involvement.
pub const INVOLVEMENT: &[&str] = &[
    "A patient partner joined the team from the first meeting and reviewed every change before we tested it.",
    "We asked twenty patients and relatives what mattered most to them, and their answers shaped our driver diagram.",
    "Feedback cards on the ward told us how the changes felt from the patient's side.",
    "Two carers helped us rewrite the patient information so that it made sense without a medical background.",
];

/// Sentences on the plans to come.
pub const NEXT_STEPS: &[&str] = &[
    "Hand the new process over to business as usual, with the chart reviewed at the monthly governance meeting.",
    "Share the change package with two neighbouring teams who have asked to adapt it.",
    "Collect six more months of data to show that the improvement is sustained.",
    "Test the change on nights and at weekends, where it is least reliable.",
    "Present the project at the regional improvement network.",
    "Add the measure to the ward's quality dashboard so that it is seen every month.",
];

/// Sentences for the Do section of a cycle.
pub const DO_SENTENCES: &[&str] = &[
    "We ran the test for {weeks} weeks, starting on a {weekday}.",
    "The test ran for {weeks} weeks and covered {count} patients.",
    "{who} briefed the team at the morning huddle and checked in at the end of each shift.",
    "On two days staffing was short and the change was not used, which we recorded rather than hid.",
    "Staff kept tally sheets, and we collected them every morning.",
    "One bank nurse had not heard about the test; we added a line to the shift briefing.",
    "The first few days were slow while people got used to it, and then it became routine.",
    "A patient's relative asked what the change was for, which prompted us to add a short explanation for families.",
];

/// Sentences for the Act section by decision.
pub const ADOPT: &[&str] = &[
    "We will **adopt** this change: it worked as predicted and staff want to keep it.",
    "We will **adopt** the change and make it part of the standard process.",
    "The change is **adopted**; the next step is to make it reliable on every shift.",
];
pub const ADAPT: &[&str] = &[
    "We will **adapt** the change before testing it again, keeping what worked and fixing what did not.",
    "We will **adapt** it: the idea is right but the way we did it needs work.",
    "We decided to **adapt** the change, simplifying it after the staff's feedback.",
];
pub const ABANDON: &[&str] = &[
    "We will **abandon** this change: it added work without helping patients.",
    "We have **abandoned** this idea; the problems it caused outweighed the benefit.",
    "We will **abandon** the change and put our effort into the ideas that worked.",
];

/// Scopes of a test, from small to large: (phrase, slug).
pub const SMALL_SCOPES: &[(&str, &str)] = &[
    ("in one bay", "one-bay"),
    ("on the day shift", "day-shift"),
    ("with one team", "one-team"),
    ("for two weeks", "two-weeks"),
    ("with five patients", "five-patients"),
];
pub const WIDE_SCOPES: &[(&str, &str)] = &[
    ("on all shifts", "all-shifts"),
    ("at nights and weekends", "nights-weekends"),
    ("for every patient", "every-patient"),
    ("across the service", "whole-service"),
    ("as standard practice", "standard"),
];

pub const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// Story kinds: (title template, slug suffix).
pub const STORY_TITLES: &[&str] = &[
    "How {place} cut {topic}",
    "What we learned about {topic} {on_place}",
    "A year of improvement {on_place}",
    "Small tests, big change: {topic} {on_place}",
    "From one bay to the whole service: {topic} {on_place}",
];

pub const NEWS_TITLES: &[&str] = &[
    "QI training dates for the coming year",
    "Call for posters: share your improvement work",
    "New QI clinics for project teams",
    "Welcome to our new improvement coaches",
    "How to write up a PDSA cycle that others can learn from",
];
