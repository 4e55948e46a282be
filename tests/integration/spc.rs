//! `qisite spc`: the JSON contract of spc-conventions.md §0 for a small CSV, and a
//! located error for a bad one.

use super::common::qisite;

fn write(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn prints_the_json_contract_for_a_c_chart() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "falls.csv",
        "date,value,note\n2025-01-01,4,\n2025-02-01,4,\n2025-03-01,4,\n2025-04-01,10,on the limit\n2025-05-01,11,\n",
    );
    let (code, out, err) = qisite(
        &[
            "spc",
            "falls.csv",
            "--chart",
            "c",
            "--freeze",
            "3",
            "--json",
        ],
        tmp.path(),
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["chart"], "c");
    assert_eq!(v["variation"], serde_json::Value::Null);
    assert_eq!(v["assurance"], serde_json::Value::Null);
    let p = &v["points"];
    assert_eq!(p.as_array().unwrap().len(), 5);
    assert_eq!(p[0]["index"], 0);
    assert_eq!(p[0]["cl"], 4.0);
    assert_eq!(p[0]["lcl"], 0.0);
    assert_eq!(p[3]["ucl"], 10.0);
    assert_eq!(p[3]["y"], 10.0);
    assert_eq!(p[3]["signal"], false);
    assert_eq!(p[4]["signal"], true);
    assert_eq!(p[4]["phase"], 1);
    assert_eq!(p[4]["date"], "2025-05-01");
    let ph = &v["phases"][0];
    assert_eq!(
        (
            ph["phase"].as_u64(),
            ph["start"].as_u64(),
            ph["end"].as_u64()
        ),
        (Some(1), Some(0), Some(4))
    );
    assert_eq!(ph["runs"]["n_useful"], 2);
    assert_eq!(ph["runs"]["longest_run"], 2);
    assert_eq!(ph["runs"]["crossings"], 0);
    assert_eq!(ph["runs"]["signal"], false);
    // The required keys come first, in the contract's order.
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert!(keys.contains(&"points") && keys.contains(&"phases"));
    assert!(out.find("\"index\"").unwrap() < out.find("\"signal\"").unwrap());
    assert!(err.is_empty());
}

#[test]
fn nhs_rules_give_the_icons() {
    let tmp = tempfile::tempdir().unwrap();
    let mut csv = String::from("value\n");
    for i in 0..12 {
        csv.push_str(if i % 2 == 0 { "9\n" } else { "11\n" });
    }
    csv.push_str("30\n");
    write(tmp.path(), "m.csv", &csv);
    let (code, out, err) = qisite(
        &[
            "spc",
            "m.csv",
            "--chart",
            "i",
            "--rules",
            "nhs",
            "--improvement",
            "decrease",
            "--target",
            "12",
            "--json",
        ],
        tmp.path(),
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["variation"], "special_cause_concern");
    assert_eq!(v["assurance"], "hit_and_miss");
}

#[test]
fn reports_a_bad_cell_with_its_location_and_a_caret() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "t.csv",
        "date,value\n2025-01-01,3\n\n2025-02-01,0\n",
    );
    let (code, out, err) = qisite(&["spc", "t.csv", "--chart", "t", "--json"], tmp.path());
    assert_eq!(code, 1);
    assert!(out.is_empty(), "no JSON on bad input: {out}");
    assert!(
        err.contains("error: row 3: time between events must be greater than zero (found 0)"),
        "{err}"
    );
    assert!(err.contains("--> t.csv:4:12"), "{err}");
    assert!(err.contains("4 | 2025-02-01,0\n  |            ^"), "{err}");
    assert!(
        err.contains("help: a t chart shows the time between events"),
        "{err}"
    );
}

#[test]
fn reports_a_cell_that_is_not_a_number() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "p.csv", "value,denominator\n3,10\n4,ten\n");
    let (code, _, err) = qisite(&["spc", "p.csv", "--chart", "p", "--json"], tmp.path());
    assert_eq!(code, 1);
    assert!(
        err.contains("row 2, column `denominator`: `ten` is not a number"),
        "{err}"
    );
    assert!(err.contains("--> p.csv:3:3"), "{err}");
}
