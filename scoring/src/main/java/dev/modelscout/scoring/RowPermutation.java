package dev.modelscout.scoring;

/**
 * A reordering of the rows of a matrix: row i of the result is row {@code order()[i]} of the input. Made
 * by {@link #byClass}: the images grouped by class, stable, so that the images of class a are rows
 * {@code [classStart()[a], classStart()[a + 1])}.
 */
final class RowPermutation {

    private final int[] order;
    private final int[] classStart;

    private RowPermutation(int[] order, int[] classStart) {
        this.order = order;
        this.classStart = classStart;
    }

    /** The images in class order (counting sort: within a class, in input order). */
    static RowPermutation byClass(int[] ids, int numClasses) {
        int n = ids.length;
        int[] order = new int[n];
        int[] classStart = new int[numClasses + 1];
        for (int id : ids) {
            classStart[id + 1]++;
        }
        for (int a = 0; a < numClasses; a++) {
            classStart[a + 1] += classStart[a];
        }
        int[] next = classStart.clone();
        for (int i = 0; i < n; i++) {
            order[next[ids[i]]++] = i;
        }
        return new RowPermutation(order, classStart);
    }

    /** Row i's index in the input. Shared, not copied: callers do not write to it. */
    int[] order() {
        return order;
    }

    /** Where each class's rows start, and at {@code [numClasses]} the row count. Shared, not copied. */
    int[] classStart() {
        return classStart;
    }

    /** Reorders the rows of the row-major {@code m} (d columns) in place; see {@link #permuteRows}. */
    void applyTo(double[] m, int d) {
        permuteRows(m, d, order);
    }

    /**
     * Reorders the rows of the row-major {@code m} in place so that row i becomes the old row
     * {@code order[i]} (cycle by cycle, with one row of scratch: no second copy of a matrix that can take a
     * third of the heap).
     */
    static void permuteRows(double[] m, int d, int[] order) {
        int n = order.length;
        boolean[] done = new boolean[n];
        double[] scratch = new double[d];
        for (int start = 0; start < n; start++) {
            if (done[start] || order[start] == start) {
                done[start] = true;
                continue;
            }
            System.arraycopy(m, start * d, scratch, 0, d);
            int i = start;
            while (true) {
                done[i] = true;
                int from = order[i];
                if (from == start) {
                    System.arraycopy(scratch, 0, m, i * d, d);
                    break;
                }
                System.arraycopy(m, from * d, m, i * d, d);
                i = from;
            }
        }
    }
}
