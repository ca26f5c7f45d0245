-- Amendment notice: when public notice of a proposal began. NULL (proposals made before this
-- migration) reads as the proposal's creation time.
ALTER TABLE proposals ADD COLUMN noticed_since TEXT;
