/** Access mode of a persistent volume. */
export enum AccessMode {
  /** Read and written by the pods of one node. */
  READ_WRITE_ONCE = 'ReadWriteOnce',
  /** Read by the pods of many nodes. */
  READ_ONLY_MANY = 'ReadOnlyMany',
  /** Read and written by the pods of many nodes. */
  READ_WRITE_MANY = 'ReadWriteMany',
  /** Read and written by one pod only. */
  READ_WRITE_ONCE_POD = 'ReadWriteOncePod',
}
