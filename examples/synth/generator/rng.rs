//! A small hand-written pseudo-random number generator (SplitMix64) and the
//! distributions the generator needs.
//!
//! Written here rather than taken from a crate so that the synthetic portfolio for a seed
//! never changes with a crate version. Every distribution uses only IEEE 754 `+ − × ÷` and
//! `sqrt`, which are exactly rounded everywhere, and never `ln`, `exp` or `cos`, whose last
//! bits depend on the platform's maths library: the same seed gives the same bytes on every
//! machine.

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
/// 2014), the generator Java's `SplittableRandom` uses.
#[derive(Clone, Debug)]
pub struct Rng(u64);

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function: a strong 64-bit mix.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// An independent stream for item `index` of kind `stream`: each project, person or
    /// story draws from its own stream, so items can be generated in parallel, in any
    /// order, and adding a kind of item never changes the others.
    pub fn derive(seed: u64, stream: u64, index: u64) -> Rng {
        Rng::new(mix(
            mix(seed ^ mix(stream.wrapping_mul(GOLDEN))) ^ index.wrapping_mul(GOLDEN)
        ))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix(self.0)
    }

    /// Uniform in [0, 1), with 53 random bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in `0..n` (`n` > 0). The modulo bias is below 2⁻⁴⁰ for the sizes used here.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// `k` distinct indices from `0..n`, in the order drawn.
    pub fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for i in 0..k {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k);
        all
    }

    /// Approximately standard normal: the Irwin–Hall sum of 12 uniforms, minus 6.
    pub fn normal(&mut self) -> f64 {
        (0..12).map(|_| self.unit()).sum::<f64>() - 6.0
    }

    /// Binomial(n, p): exact for the denominators used here (n ≤ 400), a rounded normal
    /// approximation above.
    pub fn binomial(&mut self, n: u32, p: f64) -> u32 {
        let p = p.clamp(0.0, 1.0);
        if n <= 400 {
            (0..n).filter(|_| self.unit() < p).count() as u32
        } else {
            let mean = f64::from(n) * p;
            let sd = (mean * (1.0 - p)).sqrt();
            (mean + sd * self.normal()).round().clamp(0.0, f64::from(n)) as u32
        }
    }

    /// Poisson(λ): Knuth's multiplication method below λ = 30, a rounded normal
    /// approximation above.
    pub fn poisson(&mut self, lambda: f64) -> u32 {
        if lambda <= 0.0 {
            return 0;
        }
        if lambda >= 30.0 {
            let x = lambda + lambda.sqrt() * self.normal();
            return x.round().max(0.0) as u32;
        }
        let limit = exp_neg(lambda);
        let mut k = 0;
        let mut product = self.unit();
        while product > limit {
            k += 1;
            product *= self.unit();
        }
        k
    }
}

/// e^−x for 0 ≤ x < 30, from the Taylor series of e^x (only `+ × ÷`, so the same bits on
/// every platform).
fn exp_neg(x: f64) -> f64 {
    let mut sum = 1.0;
    let mut term = 1.0;
    let mut k = 1.0;
    while term > sum * 1e-18 {
        term *= x / k;
        sum += term;
        k += 1.0;
    }
    1.0 / sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_the_reference_sequence() {
        // The first outputs of SplitMix64 seeded with 0 (reference C implementation).
        let mut r = Rng::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn exp_neg_is_accurate() {
        for x in [0.5, 3.0, 12.0, 29.0] {
            let rel = (exp_neg(x) - (-x).exp()).abs() / (-x).exp();
            assert!(rel < 1e-12, "{x}: {rel}");
        }
    }

    #[test]
    fn distributions_have_the_right_means() {
        let mut r = Rng::new(42);
        let n = 20_000;
        let p = (0..n).map(|_| r.poisson(4.0)).sum::<u32>() as f64 / n as f64;
        assert!((p - 4.0).abs() < 0.1, "poisson mean {p}");
        let b = (0..n).map(|_| r.binomial(50, 0.3)).sum::<u32>() as f64 / n as f64;
        assert!((b - 15.0).abs() < 0.2, "binomial mean {b}");
        let z = (0..n).map(|_| r.normal()).sum::<f64>() / n as f64;
        assert!(z.abs() < 0.05, "normal mean {z}");
        let d = r.distinct(10, 10);
        let mut sorted = d.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..10).collect::<Vec<_>>());
    }
}
