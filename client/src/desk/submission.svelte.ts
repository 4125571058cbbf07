// One change sent from a desk form: whether it is on its way (its button waits), and the
// refusal in the reader's words when it did not go through.
export class Submission {
  sending = $state(false)
  refusal = $state<string | null>(null)

  constructor(private readonly wordOf: (error: unknown) => string) {}

  async run(work: () => Promise<void>): Promise<void> {
    this.sending = true
    this.refusal = null
    try {
      await work()
    } catch (error) {
      this.refusal = this.wordOf(error)
    } finally {
      this.sending = false
    }
  }
}
